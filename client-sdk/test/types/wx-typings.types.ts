// createWxClient({ api: wx }) and its siblings take the `wx` of miniprogram-api-typings 5.2.3,
// WeChat's own declaration, with no cast.
import {
  createWxClient,
  createWxLogin,
  createWxStorage,
  createWxTransport,
  getWxLoginCode,
} from '../../src/wx/index'

const baseURL = 'https://api.example.com'

export const client = createWxClient({ api: wx, baseURL, auth: true })
export const transport = createWxTransport({ api: wx, maxConcurrent: 5 })
export const storage = createWxStorage({ api: wx })
export const login = createWxLogin({ api: wx, path: '/api/auth/login' })
export const code: Promise<string> = getWxLoginCode({ api: wx })

// wx.request's own options, typed, per client and per call.
export const fast = createWxClient({ api: wx, baseURL, platformOptions: { enableHttp2: true } })
export const cached = fast.get('/api/me', {
  platformOptions: { enableCache: true, redirect: 'manual' },
})
// @ts-expect-error not an option of wx.request
void fast.get('/api/me', { platformOptions: { enableHttp3: true } })

// The typings are in effect: wx.request takes no PATCH.
// @ts-expect-error 'PATCH' is not one of RequestOption['method']
wx.request({ url: baseURL, method: 'PATCH' })

// And `api` is still checked: an object without a request function is refused.
// @ts-expect-error `request` must be a function
createWxClient({ api: { request: 42 }, baseURL })
