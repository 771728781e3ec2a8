// setupFiles: `wx` must exist before miniprogram-simulate is required, which merges its own
// stubs (showToast, ...) under ours. It is the e2e suite's WeChat runtime on Node, plus a
// `node` handle that test files read back with `wxNode()`.
import { createWxRuntime, type WeRunData, type WxRuntime } from '@header-session/testing'

/** What the demo's tests look at and set, over the runtime. */
export interface WxTestHandle {
  /** Stored values by key (decoded, as `getStorageSync` gives them). */
  readonly storage: ReadonlyMap<string, unknown>
  /** Where `wx.login` gets its codes (a test points it at the server's WeChat stand-in). */
  codes: () => Promise<string>
  /** Where `wx.getWeRunData` gets the user's steps (a test points it at the stand-in's `/werun`). */
  weRunData: () => Promise<WeRunData>
  readonly logins: number
  /** The last `wx.login`'s session_key expires: `wx.checkSession` fails until the next login. */
  expireSessionKey(): void
  /** Paths requested so far, as `METHOD /path`. */
  readonly sent: string[]
  /** Resolves once no request or login has been running for one macrotask. */
  idle(): Promise<void>
  /** Drops every later callback: a late answer must not touch a torn-down page. */
  close(): void
}

/** The installed `wx`: the runtime and the test handle. */
export type WxWithHandle = WxRuntime & { node: WxTestHandle }

const runtime = createWxRuntime({ login: () => node.codes(), weRun: () => node.weRunData() })
const sent: string[] = []
const node: WxTestHandle = {
  get storage() {
    return new Map([...runtime.entries.keys()].map((k) => [k, runtime.getStorageSync(k)]))
  },
  codes: () => Promise.reject(new Error('no code source: set wx.node.codes')),
  weRunData: () => Promise.reject(new Error('no WeRun source: set wx.node.weRunData')),
  get logins() {
    return runtime.stats.logins
  },
  expireSessionKey: runtime.expireSessionKey,
  sent,
  async idle() {
    // A tap's handler runs on a microtask (recipe pitfall 1): let it start its requests first.
    await new Promise((resolve) => setTimeout(resolve, 0))
    await runtime.settled()
  },
  close: runtime.close,
}
const wx: WxWithHandle = {
  ...runtime,
  request(options) {
    sent.push(`${(options.method ?? 'GET').toUpperCase()} ${new URL(options.url).pathname}`)
    return runtime.request(options)
  },
  node,
}
Object.assign(globalThis, { wx })
