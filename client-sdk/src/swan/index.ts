/**
 * `@header-session/client-sdk/swan`: the Baidu adapter (`swan.request`, `swan.uploadFile`,
 * `swan.downloadFile`, `swan.setStorageSync`, `swan.login`).
 */
import { defineMiniPlatform, type MiniPlatformApi } from '../mini/mini-platform'

declare const swan: MiniPlatformApi | undefined

const swanPlatform = defineMiniPlatform(
  {
    name: 'swan',
    // swan.request takes OPTIONS, GET, HEAD, POST, PUT, DELETE, and TRACE/CONNECT on Android
    // only (Baidu's swan.request page, mirrored at
    // https://w3cschool.cn/baiduapp/baiduapp-zhu639lz.html). No PATCH.
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS'],
  },
  () => (typeof swan === 'object' ? swan : undefined),
)

/**
 * A transport over `swan.request`/`uploadFile`/`downloadFile`, at most 10 at once by default.
 *
 * @throws OptionsError when there is no `swan` object.
 */
export const createSwanTransport = swanPlatform.createTransport

/** A storage over `swan.getStorageSync`/`setStorageSync`/`removeStorageSync`. */
export const createSwanStorage = swanPlatform.createStorage

/** A login: `swan.login` for a code, then `POST /api/auth/login` with `{ code }`. */
export const createSwanLogin = swanPlatform.createLogin

/**
 * A client with the Baidu transport, storage and login as defaults.
 *
 * @example
 * ```ts
 * const client = createSwanClient({ baseURL: 'https://api.example.com', auth: true })
 * const { data } = await client.post('/api/counter')
 * ```
 */
export const createSwanClient = swanPlatform.createClient

/**
 * `swan.login` as a promise: resolves with a fresh one-time code, for a custom `login`; rejects
 * with `LoginError` (the platform's `errMsg`, or `No login code`).
 *
 * @example
 * ```ts
 * login: async ({ request }) => {
 *   const code = await getSwanLoginCode()
 *   const { data } = await request<{ token: string }>('/login', { method: 'POST', json: { code } })
 *   return data.token
 * }
 * ```
 */
export const getSwanLoginCode = swanPlatform.getLoginCode

export type * from '../mini/public-types'
