/**
 * `@header-session/client-sdk/uni`: the uni-app adapter (`uni.request`, `uni.uploadFile`,
 * `uni.downloadFile`, `uni.setStorageSync`, `uni.login`).
 */
import { defineMiniPlatform, type MiniPlatformApi } from '../mini/mini-platform'
import type { UniPlatformOptions } from './uni-platform-options'

declare const uni: MiniPlatformApi | undefined

const uniPlatform = defineMiniPlatform<UniPlatformOptions>(
  {
    name: 'uni',
    // uni-app's method table (https://uniapp.dcloud.io/api/request/request): only GET
    // and POST work on every platform it builds for (no PUT on Alipay; no DELETE, HEAD or OPTIONS
    // on Alipay or ByteDance; no PATCH anywhere). PUT and DELETE go as overridden POSTs; pass
    // `methods` for a build that targets one platform.
    methods: ['GET', 'POST'],
  },
  () => (typeof uni === 'object' ? uni : undefined),
)

/**
 * A transport over `uni.request`/`uploadFile`/`downloadFile`, at most 10 at once by default.
 *
 * @throws OptionsError when there is no `uni` object.
 */
export const createUniTransport = uniPlatform.createTransport

/** A storage over `uni.getStorageSync`/`setStorageSync`/`removeStorageSync`. */
export const createUniStorage = uniPlatform.createStorage

/** A login: `uni.login` for a code, then `POST /api/auth/login` with `{ code }`. */
export const createUniLogin = uniPlatform.createLogin

/**
 * A client with the uni-app transport, storage and login as defaults.
 *
 * @example
 * ```ts
 * const client = createUniClient({ baseURL: 'https://api.example.com', auth: true })
 * const { data } = await client.post('/api/counter')
 * ```
 */
export const createUniClient = uniPlatform.createClient

/**
 * `uni.login` as a promise: resolves with a fresh one-time code, for a custom `login`; rejects
 * with `LoginError` (the platform's `errMsg`, or `No login code`).
 *
 * @example
 * ```ts
 * login: async ({ request }) => {
 *   const code = await getUniLoginCode()
 *   const { data } = await request<{ token: string }>('/login', { method: 'POST', json: { code } })
 *   return data.token
 * }
 * ```
 */
export const getUniLoginCode = uniPlatform.getLoginCode

export type * from '../mini/public-types'
export type { UniPlatformOptions } from './uni-platform-options'
