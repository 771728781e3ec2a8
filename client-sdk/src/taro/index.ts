/**
 * `@header-session/client-sdk/taro`: the Taro adapter. Taro has no global object, so pass
 * `api: Taro` (from `@tarojs/taro`) to every factory.
 */
import { defineMiniPlatform } from '../mini/mini-platform'

const taroPlatform = defineMiniPlatform(
  {
    name: 'Taro',
    // Taro.request hands over to the request of the platform it was built for; the platforms'
    // tables, as uni-app's lists them (https://uniapp.dcloud.io/api/request/request),
    // share only GET and POST. PUT and DELETE go as overridden POSTs; pass `methods` for a
    // build that targets one platform.
    methods: ['GET', 'POST'],
  },
  () => undefined,
)

/**
 * A transport over `Taro.request`/`uploadFile`/`downloadFile`, at most 10 at once by default.
 *
 * @throws OptionsError without `api: Taro`.
 */
export const createTaroTransport = taroPlatform.createTransport

/** A storage over `Taro.getStorageSync`/`setStorageSync`/`removeStorageSync`. */
export const createTaroStorage = taroPlatform.createStorage

/** A login: `Taro.login` for a code, then `POST /api/auth/login` with `{ code }`. */
export const createTaroLogin = taroPlatform.createLogin

/**
 * A client with the Taro transport, storage and login as defaults.
 *
 * @example
 * ```ts
 * import Taro from '@tarojs/taro'
 * const client = createTaroClient({ api: Taro, baseURL: 'https://api.example.com', auth: true })
 * ```
 */
export const createTaroClient = taroPlatform.createClient

/**
 * `Taro.login` as a promise: resolves with a fresh one-time code, for a custom `login`; rejects
 * with `LoginError` (the platform's `errMsg`, or `No login code`).
 *
 * @example
 * ```ts
 * login: async ({ request }) => {
 *   const code = await getTaroLoginCode({ api: Taro })
 *   const { data } = await request<{ token: string }>('/login', { method: 'POST', json: { code } })
 *   return data.token
 * }
 * ```
 */
export const getTaroLoginCode = taroPlatform.getLoginCode

export type * from '../mini/public-types'
