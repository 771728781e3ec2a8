import { RuntimeOptionsError } from './errors/runtime-options-error'
import { createAlipayAuthCode, createWechatLogin, type LoginContext } from './login/login-api'
import { createAlipayNetwork } from './network/alipay-network'
import { createCallEngine } from './network/call-engine'
import { createDomainCheck, type DomainCheck } from './network/domain-list'
import { createNetworkStats } from './network/network-stats'
import { createWechatNetwork } from './network/wechat-network'
import { createCheckSession } from './open-api/check-session'
import { createGetWeRunData } from './open-api/get-we-run-data'
import { createLoginSession, type OpenApiContext } from './open-api/open-api-context'
import type { MiniPlatform } from './profiles/platform-profile'
import {
  resolveRuntimeOptions,
  type MiniRuntimeOptions,
  type ResolvedRuntimeOptions,
} from './runtime-options'
import type {
  AlipayRuntime,
  MiniRuntime,
  RuntimeControl,
  RuntimeStats,
  WxRuntime,
} from './runtime-types'
import { createAlipayStorage } from './storage/alipay-storage'
import { createWxStorage } from './storage/wechat-storage'

/** Options of {@link createWxRuntime}: those of {@link createMiniRuntime} but the platform. */
export type WxRuntimeOptions = Omit<MiniRuntimeOptions, 'platform'>

function domainCheck(allowedDomains: readonly string[] | undefined): DomainCheck {
  try {
    return createDomainCheck(allowedDomains)
  } catch {
    throw new RuntimeOptionsError('allowedDomains', 'hosts or origins', String(allowedDomains))
  }
}

/** The parts every platform shares: engine, callbacks, counters, control. */
function createCore(resolved: ResolvedRuntimeOptions) {
  let closed = false
  const errors: unknown[] = []
  const onError =
    resolved.onError ??
    ((error: unknown) => {
      errors.push(error)
      console.error('mini runtime: a callback threw', error)
    })
  const deliver = (callback: () => void): void => {
    if (closed) return
    try {
      callback()
    } catch (error) {
      onError(error)
    }
  }
  const stats: RuntimeStats = { ...createNetworkStats(), logins: 0 }
  const engine = createCallEngine({
    maxInFlight: resolved.maxInFlight,
    overflow: resolved.overflow,
    allows: domainCheck(resolved.allowedDomains),
    stats,
    deliver,
  })
  const loginSession = createLoginSession()
  const login: LoginContext = {
    source: resolved.login ?? (() => Promise.reject(new Error('no code source configured'))),
    deliver,
    started(work) {
      stats.logins++
      engine.track(work)
    },
    loggedIn: loginSession.renew,
  }
  const openApi: OpenApiContext = { deliver, track: engine.track }
  const control: RuntimeControl = {
    platform: resolved.profile.platform,
    profile: resolved.profile,
    stats,
    errors,
    settled: engine.settled,
    close() {
      closed = true
      engine.abortAll()
    },
  }
  return { engine, stats, deliver, login, loginSession, openApi, control }
}

/**
 * A mini-program platform on Node, for tests: `request`/`uploadFile`/`downloadFile` over real
 * HTTP (`node:http`), the login API with codes from a WeChat stand-in, and storage, each with
 * the platform's methods, limits, failures and result shapes (`platform`: `wx` by default,
 * `alipay` gives Alipay's `my`). Pass it to the code under test as the platform's global, or
 * as the SDK's `api`.
 *
 * @throws RuntimeOptionsError for an option it cannot take.
 * @example
 * const tt = createMiniRuntime({ platform: 'tt', login: () => 'code-1' })
 * tt.request({ url: `${base}/api/counter`, method: 'POST', success: (r) => console.log(r.data) })
 */
export function createMiniRuntime(
  options: MiniRuntimeOptions & { platform: 'alipay' },
): AlipayRuntime
export function createMiniRuntime(options?: MiniRuntimeOptions & { platform?: 'wx' }): WxRuntime
export function createMiniRuntime(
  options?: MiniRuntimeOptions & { platform?: Exclude<MiniPlatform, 'alipay'> },
): MiniRuntime
export function createMiniRuntime(options?: MiniRuntimeOptions): MiniRuntime | AlipayRuntime
export function createMiniRuntime(options: MiniRuntimeOptions = {}): MiniRuntime | AlipayRuntime {
  const resolved = resolveRuntimeOptions(options)
  const { engine, stats, deliver, login, loginSession, openApi, control } = createCore(resolved)
  if (resolved.profile.platform === 'alipay') {
    const network = createAlipayNetwork({
      engine,
      stats,
      timeouts: resolved.timeouts,
      appId: resolved.appId,
    })
    return {
      ...control,
      ...createAlipayStorage(resolved.storage),
      request: network.request,
      uploadFile: network.uploadFile,
      downloadFile: network.downloadFile,
      getAuthCode: createAlipayAuthCode(login),
    }
  }
  const network = createWechatNetwork({
    profile: resolved.profile,
    engine,
    stats,
    timeouts: resolved.timeouts,
    http2: resolved.http2,
    appId: resolved.appId,
    deliver,
  })
  const runtime: MiniRuntime = {
    ...control,
    ...createWxStorage(resolved.storage),
    request: network.request,
    uploadFile: network.uploadFile,
    downloadFile: network.downloadFile,
    login: createWechatLogin(login),
  }
  if (resolved.profile.platform !== 'wx') return runtime
  const wx: WxRuntime = {
    ...runtime,
    checkSession: createCheckSession(openApi, loginSession),
    getWeRunData: createGetWeRunData(openApi, resolved.weRun),
    expireSessionKey: loginSession.expire,
  }
  return wx
}

/**
 * `createMiniRuntime({ platform: 'wx', ...options })`: WeChat's `wx` on Node.
 *
 * @example
 * const wx = createWxRuntime({ login: { standInUrl: `${url}/__dev/wechat`, openid: 'alice' } })
 * wx.request({ url: `${url}/api/counter`, method: 'POST', success: (r) => console.log(r.data) })
 */
export function createWxRuntime(options: WxRuntimeOptions = {}): WxRuntime {
  return createMiniRuntime({ ...options, platform: 'wx' })
}
