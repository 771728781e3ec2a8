/**
 * `@header-session/client-sdk/taro`: the Taro adapter. Taro has no global object, so pass
 * `api: Taro` (from `@tarojs/taro`) to every factory.
 */
import { defineMiniPlatform } from '../mini/mini-platform'

const [transport, storage, login, client] = defineMiniPlatform(
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
export const createTaroTransport = transport

/** A storage over `Taro.getStorageSync`/`setStorageSync`/`removeStorageSync`. */
export const createTaroStorage = storage

/** A login: `Taro.login` for a code, then `POST /api/auth/login` with `{ code }`. */
export const createTaroLogin = login

/**
 * A client with the Taro transport, storage and login as defaults.
 *
 * @example
 * ```ts
 * import Taro from '@tarojs/taro'
 * const client = createTaroClient({ api: Taro, baseURL: 'https://api.example.com', auth: true })
 * ```
 */
export const createTaroClient = client

export type * from '../mini/public-types'
