/**
 * `@header-session/client-sdk/taro`: the Taro adapter. Taro has no global object, so pass
 * `api: Taro` (from `@tarojs/taro`) to every factory.
 */
import { defineMiniPlatform } from '../mini/mini-platform'

const platform = defineMiniPlatform('Taro', () => undefined)

/**
 * A transport over `Taro.request`/`uploadFile`/`downloadFile`, at most 10 at once by default.
 *
 * @throws OptionsError without `api: Taro`.
 */
export const createTaroTransport = platform.createTransport

/** A storage over `Taro.getStorageSync`/`setStorageSync`/`removeStorageSync`. */
export const createTaroStorage = platform.createStorage

/** A login: `Taro.login` for a code, then `POST /api/auth/login` with `{ code }`. */
export const createTaroLogin = platform.createLogin

/**
 * A client with the Taro transport, storage and login as defaults.
 *
 * @example
 * ```ts
 * import Taro from '@tarojs/taro'
 * const client = createTaroClient({ api: Taro, baseURL: 'https://api.example.com', auth: true })
 * ```
 */
export const createTaroClient = platform.createClient

export type * from '../mini/public-types'
