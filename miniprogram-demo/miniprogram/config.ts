/** Where the demo finds the reference server, and how it logs in. The one file to edit. */
export interface DemoConfig {
  /**
   * Base URL of the reference server (`npm start` in the repository). In the devtools'
   * simulator `http://localhost:3000` works; a phone needs the computer's LAN address, e.g.
   * `http://192.168.1.20:3000` (see the README: domain checks and whitelisting).
   */
  apiBaseURL: string
  /**
   * How logins get their code. A string: ask the server's dev WeChat stand-in
   * (`POST /__dev/wechat/codes`) for a code for this openid, because a real `wx.login` code
   * means nothing to the stand-in. `null`: real `wx.login`, for a server started with this
   * AppID's `WECHAT_APPID` and `WECHAT_SECRET`.
   */
  devOpenid: string | null
}

/** Read when the first request is made, so tests can point it at their own server first. */
export const config: DemoConfig = {
  apiBaseURL: 'http://localhost:3000',
  devOpenid: 'dev-alice',
}
