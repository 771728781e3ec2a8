/**
 * `@header-session/client-sdk/wx`: the WeChat adapter (`wx.request`, `wx.uploadFile`,
 * `wx.downloadFile`, `wx.setStorageSync`, `wx.login`).
 */
import { defineMiniPlatform, type MiniPlatformApi } from '../mini/mini-platform'
import type { WxPlatformOptions } from './wx-platform-options'

declare const wx: MiniPlatformApi | undefined

const wxPlatform = defineMiniPlatform<WxPlatformOptions>(
  {
    name: 'wx',
    // wx.request takes OPTIONS, GET, HEAD, POST, PUT, DELETE, TRACE, CONNECT: no PATCH
    // (RequestOption.method in miniprogram-api-typings 5.2.3;
    // https://developers.weixin.qq.com/miniprogram/dev/api/network/request/wx.request.html;
    // a PATCH fails with `request:fail method is invalid`, wendux/grace#15).
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS'],
  },
  () => (typeof wx === 'object' ? wx : undefined),
)

/**
 * A transport over `wx.request`/`uploadFile`/`downloadFile`, at most 10 at once by default.
 *
 * @throws OptionsError when there is no `wx` object.
 */
export const createWxTransport = wxPlatform.createTransport

/** A storage over `wx.getStorageSync`/`setStorageSync`/`removeStorageSync`. */
export const createWxStorage = wxPlatform.createStorage

/** A login: `wx.login` for a code, then `POST /api/auth/login` with `{ code }`. */
export const createWxLogin = wxPlatform.createLogin

/**
 * A client with the WeChat transport, storage and login as defaults.
 *
 * @example
 * ```ts
 * const client = createWxClient({ baseURL: 'https://api.example.com', auth: true })
 * const { data } = await client.post('/api/counter')
 * ```
 */
export const createWxClient = wxPlatform.createClient

/**
 * `wx.login` as a promise: resolves with a fresh one-time code, for a custom `login`; rejects
 * with `LoginError` (the platform's `errMsg`, or `No login code`).
 *
 * @example
 * ```ts
 * login: async ({ request }) => {
 *   const code = await getWxLoginCode()
 *   const { data } = await request<{ token: string }>('/login', { method: 'POST', json: { code } })
 *   return data.token
 * }
 * ```
 */
export const getWxLoginCode = wxPlatform.getLoginCode

export type * from '../mini/public-types'
export type { WxPlatformOptions } from './wx-platform-options'
