/**
 * `@header-session/client-sdk/uni`: the uni-app adapter (`uni.request`, `uni.uploadFile`,
 * `uni.downloadFile`, `uni.setStorageSync`, `uni.login`).
 */
import { defineMiniPlatform, type MiniPlatformApi } from '../mini/mini-platform'

declare const uni: MiniPlatformApi | undefined

const platform = defineMiniPlatform('uni', () => (typeof uni === 'object' ? uni : undefined))

/**
 * A transport over `uni.request`/`uploadFile`/`downloadFile`, at most 10 at once by default.
 *
 * @throws OptionsError when there is no `uni` object.
 */
export const createUniTransport = platform.createTransport

/** A storage over `uni.getStorageSync`/`setStorageSync`/`removeStorageSync`. */
export const createUniStorage = platform.createStorage

/** A login: `uni.login` for a code, then `POST /api/auth/login` with `{ code }`. */
export const createUniLogin = platform.createLogin

/**
 * A client with the uni-app transport, storage and login as defaults.
 *
 * @example
 * ```ts
 * const client = createUniClient({ baseURL: 'https://api.example.com', auth: true })
 * const { data } = await client.post('/api/counter')
 * ```
 */
export const createUniClient = platform.createClient

export type * from '../mini/public-types'
