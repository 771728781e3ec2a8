/**
 * `@header-session/client-sdk/qq`: the QQ adapter (`qq.request`, `qq.uploadFile`,
 * `qq.downloadFile`, `qq.setStorageSync`, `qq.login`).
 */
import { defineMiniPlatform, type MiniPlatformApi } from '../mini/mini-platform'

declare const qq: MiniPlatformApi | undefined

const qqPlatform = defineMiniPlatform(
  {
    name: 'qq',
    // qq.request takes OPTIONS, GET, HEAD, POST, PUT, DELETE, TRACE, CONNECT, as wx.request
    // (QQ's API docs 1.5.1, object.method 的合法值:
    // https://bookstack.cn/read/qq-min-api-v1.5.1/c1d25d50843d81a7.md).
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS'],
  },
  () => (typeof qq === 'object' ? qq : undefined),
)

/**
 * A transport over `qq.request`/`uploadFile`/`downloadFile`, at most 10 at once by default.
 *
 * @throws OptionsError when there is no `qq` object.
 */
export const createQqTransport = qqPlatform.createTransport

/** A storage over `qq.getStorageSync`/`setStorageSync`/`removeStorageSync`. */
export const createQqStorage = qqPlatform.createStorage

/** A login: `qq.login` for a code, then `POST /api/auth/login` with `{ code }`. */
export const createQqLogin = qqPlatform.createLogin

/**
 * A client with the QQ transport, storage and login as defaults.
 *
 * @example
 * ```ts
 * const client = createQqClient({ baseURL: 'https://api.example.com', auth: true })
 * const { data } = await client.post('/api/counter')
 * ```
 */
export const createQqClient = qqPlatform.createClient

/**
 * `qq.login` as a promise: resolves with a fresh one-time code, for a custom `login`; rejects
 * with `LoginError` (the platform's `errMsg`, or `No login code`).
 *
 * @example
 * ```ts
 * login: async ({ request }) => {
 *   const code = await getQqLoginCode()
 *   const { data } = await request<{ token: string }>('/login', { method: 'POST', json: { code } })
 *   return data.token
 * }
 * ```
 */
export const getQqLoginCode = qqPlatform.getLoginCode

export type * from '../mini/public-types'
