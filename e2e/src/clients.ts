import { createClient, createCodeLogin, type Client } from '@header-session/client-sdk'
import { createFetchTransport, createMemoryStorage } from '@header-session/client-sdk/fetch'
import { createWxClient } from '@header-session/client-sdk/wx'
import {
  createWxRuntime,
  mintCode,
  type WxRuntime,
  type WxRuntimeOptions,
} from '@header-session/testing'

/** A device a person uses: an SDK client, and what a test can look at. */
export interface Device {
  readonly client: Client
  /** `wx.login` calls, or codes the Node client fetched. */
  logins(): number
  /** The token as persisted (wx storage, or the Node client's storage). */
  storedToken(): string | null
  /** The same device after an app restart: a new client on the same storage. */
  restart(): Device
}

/** How a kind of client is made: through the wx runtime, or through fetch in Node. */
export interface ClientKit {
  readonly name: 'wx' | 'fetch'
  /**
   * A new device of the WeChat user `openid`, talking to `baseURL` (logins at `standInUrl`),
   * labelled `device` in the session list.
   */
  device(options: DeviceOptions): Device
}

/** Options of {@link ClientKit.device}. */
export interface DeviceOptions {
  baseURL: string
  standInUrl: string
  openid: string
  device: string
  /** wx only: runtime options (lowercase headers, `overflow: 'fail'`...). */
  runtime?: WxRuntimeOptions
}

const storageKey = (baseURL: string): string => `header-session:${baseURL}`

/** Clients over the wx-on-Node runtime: `createWxClient({ api: runtime })`. */
export const wxKit: ClientKit & { runtimeOf(device: Device): WxRuntime } = {
  name: 'wx',
  device(options) {
    const wx = createWxRuntime({
      ...options.runtime,
      login: { standInUrl: options.standInUrl, openid: options.openid },
    })
    const make = (): Device => {
      const device: Device = {
        client: createWxClient({
          api: wx,
          baseURL: options.baseURL,
          auth: true,
          headers: { 'X-Client-Device': options.device },
        }),
        logins: () => wx.stats.logins,
        storedToken: () => (wx.getStorageSync(storageKey(options.baseURL)) as string) || null,
        restart: make,
      }
      runtimes.set(device, wx)
      return device
    }
    return make()
  },
  runtimeOf(device) {
    const wx = runtimes.get(device)
    if (!wx) throw new Error('not a device of wxKit')
    return wx
  },
}
const runtimes = new WeakMap<Device, WxRuntime>()

/** Clients over `fetch` in Node, with a code login against the stand-in. */
export const fetchKit: ClientKit = {
  name: 'fetch',
  device(options) {
    const storage = createMemoryStorage()
    let logins = 0
    const login = createCodeLogin({
      getCode: () => {
        logins++
        return mintCode(options.standInUrl, options.openid)
      },
    })
    const make = (): Device => ({
      client: createClient({
        baseURL: options.baseURL,
        transport: createFetchTransport(),
        storage,
        login,
        auth: true,
        headers: { 'X-Client-Device': options.device },
      }),
      logins: () => logins,
      storedToken: () => (storage.get(storageKey(options.baseURL)) as string | null) ?? null,
      restart: make,
    })
    return make()
  },
}
