/**
 * `@header-session/client-sdk/tt`: the ByteDance adapter (`tt.request`, `tt.uploadFile`,
 * `tt.downloadFile`, `tt.setStorageSync`, `tt.login`).
 */
import { defineMiniPlatform, type MiniPlatformApi } from '../mini/mini-platform'
import type { TtPlatformOptions } from './tt-platform-options'

declare const tt: MiniPlatformApi | undefined

const ttPlatform = defineMiniPlatform<TtPlatformOptions>(
  {
    name: 'tt',
    // ByteDance's tt.request page (mini-games) lists GET, POST, OPTIONS, PUT, HEAD, DELETE
    // (https://developer.open-douyin.com/docs/resource/zh-CN/mini-game/develop/api/c-api/internet/tt-request);
    // uni-app's method table has no DELETE, HEAD or OPTIONS on ByteDance
    // (https://uniapp.dcloud.io/api/request/request). DELETE goes as an overridden
    // POST, which works under both readings; HEAD and OPTIONS have no such fallback.
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'OPTIONS'],
  },
  () => (typeof tt === 'object' ? tt : undefined),
)

/**
 * A transport over `tt.request`/`uploadFile`/`downloadFile`, at most 10 at once by default.
 *
 * @throws OptionsError when there is no `tt` object.
 */
export const createTtTransport = ttPlatform.createTransport

/** A storage over `tt.getStorageSync`/`setStorageSync`/`removeStorageSync`. */
export const createTtStorage = ttPlatform.createStorage

/** A login: `tt.login` for a code, then `POST /api/auth/login` with `{ code }`. */
export const createTtLogin = ttPlatform.createLogin

/**
 * A client with the ByteDance transport, storage and login as defaults.
 *
 * @example
 * ```ts
 * const client = createTtClient({ baseURL: 'https://api.example.com', auth: true })
 * const { data } = await client.post('/api/counter')
 * ```
 */
export const createTtClient = ttPlatform.createClient

/**
 * `tt.login` as a promise: resolves with a fresh one-time code, for a custom `login`; rejects
 * with `LoginError` (the platform's `errMsg`, or `No login code`).
 *
 * @example
 * ```ts
 * login: async ({ request }) => {
 *   const code = await getTtLoginCode()
 *   const { data } = await request<{ token: string }>('/login', { method: 'POST', json: { code } })
 *   return data.token
 * }
 * ```
 */
export const getTtLoginCode = ttPlatform.getLoginCode

export type * from '../mini/public-types'
export type { TtPlatformOptions } from './tt-platform-options'
