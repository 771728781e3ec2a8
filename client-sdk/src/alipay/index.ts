/**
 * `@header-session/client-sdk/alipay`: the Alipay adapter (`my.request` with `headers` and
 * `status`, `my.uploadFile`, `my.downloadFile`, `my.setStorageSync({ key, data })`,
 * `my.getAuthCode`).
 */
import { createClient } from '../core/client'
import type { Client, LoginFunction } from '../core/client-types'
import { createCodeLogin } from '../core/code-login'
import type { Storage, Transport } from '../core/types'
import type { MiniCallbacks } from '../mini/mini-api'
import {
  createMiniTransport,
  type MiniPlatformInfo,
  type MiniTransportOptions,
} from '../mini/create-mini-transport'
import { getMiniCode } from '../mini/mini-login'
import {
  resolveApi,
  type MiniClientOptions,
  type MiniLoginOptions,
  type MiniStorageOptions,
} from '../mini/mini-platform'
import { alipayNetwork, type AlipayNetworkApi, type AlipayResult } from './alipay-network'
import { createAlipayMiniStorage, type AlipayStorageApi } from './alipay-storage'

/** The parts of Alipay's `my` the SDK uses. */
export interface AlipayApi extends AlipayNetworkApi, AlipayStorageApi {
  getAuthCode(options: {
    scopes: string
    success?: (result: { authCode?: string }) => void
    fail?: (failure: AlipayResult) => void
  }): unknown
}

/**
 * `my.request` takes GET and POST on every client: Alipay's page adds PUT and DELETE from client
 * 10.1.82 (https://docs.alipay.com/mini/api/owycmh), uni-app's method table has neither
 * (https://uniapp.dcloud.io/api/request/request), so they go as overridden POSTs.
 * No page lists HEAD or OPTIONS: they are refused.
 */
const ALIPAY: MiniPlatformInfo = { name: 'my', methods: ['GET', 'POST'] }

declare const my: AlipayApi | undefined
const global = (): AlipayApi | undefined => (typeof my === 'object' ? my : undefined)

/**
 * A transport over `my.request` (request headers in `headers`, status in `status`; HTTP error
 * statuses arrive through `fail` and are answers all the same), `my.uploadFile` (`fileName`,
 * `fileType: 'image'` unless `formData.fileType` says otherwise) and `my.downloadFile`.
 *
 * @throws OptionsError when there is no `my` object.
 */
export function createAlipayTransport(
  options: MiniTransportOptions<AlipayNetworkApi> = {},
): Transport {
  return createMiniTransport(
    alipayNetwork(resolveApi<AlipayNetworkApi>(options.api, global, 'my')),
    ALIPAY,
    options,
  )
}

/** A storage over `my.getStorageSync({ key })`/`setStorageSync`/`removeStorageSync`. */
export function createAlipayStorage(options: MiniStorageOptions<AlipayStorageApi> = {}): Storage {
  return createAlipayMiniStorage(resolveApi<AlipayStorageApi>(options.api, global, 'my'))
}

/** Options of {@link getAlipayAuthCode}. */
export interface AlipayAuthCodeOptions {
  /** The platform object. Default: the global `my`. */
  api?: Pick<AlipayApi, 'getAuthCode'>
  /** Default `auth_base`: silent, the user's id only (my.getAuthCode). */
  scopes?: string
}

/**
 * `my.getAuthCode` as a promise: resolves with a fresh one-time auth code, for a custom
 * `login`; rejects with `LoginError` (Alipay's `errorMessage`, or `No login code`).
 *
 * @throws OptionsError when there is no `my` object.
 */
export function getAlipayAuthCode(options: AlipayAuthCodeOptions = {}): Promise<string> {
  const api = resolveApi<Pick<AlipayApi, 'getAuthCode'>>(options.api, global, 'my')
  return getMiniCode<{ authCode?: string }>(
    (callbacks: MiniCallbacks<{ authCode?: string }>) =>
      api.getAuthCode({
        scopes: options.scopes || 'auth_base',
        success: callbacks.success,
        fail: (f) => callbacks.fail && callbacks.fail({ errMsg: f && f.errorMessage }),
      }),
    (result) => result.authCode,
  )
}

/** A login: `my.getAuthCode({ scopes: 'auth_base' })`, then `POST /api/auth/login` with `{ code }`. */
export function createAlipayLogin(
  options: MiniLoginOptions<Pick<AlipayApi, 'getAuthCode'>> = {},
): LoginFunction {
  // Resolved now: a missing `my` fails at creation, not at the first login.
  const api = resolveApi<Pick<AlipayApi, 'getAuthCode'>>(options.api, global, 'my')
  return createCodeLogin(Object.assign({ getCode: () => getAlipayAuthCode({ api }) }, options))
}

/** A client with the Alipay transport, storage and login as defaults. */
export function createAlipayClient(options: MiniClientOptions<AlipayApi>): Client {
  return createClient(
    Object.assign({}, options, {
      transport: options.transport || createAlipayTransport(options),
      storage: options.storage || createAlipayStorage(options),
      login: 'login' in options ? options.login : createAlipayLogin(options),
    }),
  )
}

export type { AlipayCallOptions, AlipayNetworkApi, AlipayResult } from './alipay-network'
export type { AlipayStorageApi } from './alipay-storage'
export type { MiniClientOptions, MiniLoginOptions, MiniStorageOptions } from '../mini/mini-platform'
export type { MiniTransportOptions } from '../mini/create-mini-transport'
export type { MiniMethod } from '../mini/mini-methods'
export type {
  MiniCallbacks,
  MiniCallOptions,
  MiniCommonOptions,
  MiniDownloadOptions,
  MiniRequestOptions,
  MiniUploadOptions,
  MiniFailure,
  MiniResult,
  MiniTask,
} from '../mini/mini-api'
