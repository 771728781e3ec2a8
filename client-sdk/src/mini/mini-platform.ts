import { createClient } from '../core/client'
import type { Client, LoginFunction } from '../core/client-types'
import { createCodeLogin, type CodeLoginOptions } from '../core/code-login'
import type { ClientOptions } from '../core/options'
import type { PlatformRequestOptions, Storage, Transport } from '../core/types'
import { OptionsError } from '../errors/options-error'
import type { MiniLoginApi, MiniNetworkApi, MiniStorageApi } from './mini-api'
import {
  createMiniTransport,
  type MiniPlatformInfo,
  type MiniTransportOptions,
} from './create-mini-transport'
import { getMiniCode, miniCheckSession } from './mini-login'
import { createMiniStorage } from './mini-storage'
import { assign } from '../core/util'

/** A WeChat-shaped platform object: network, sync storage and `login`. */
export interface MiniPlatformApi extends MiniNetworkApi, MiniStorageApi, MiniLoginApi {}

/** Options of the platform storages. */
export interface MiniStorageOptions<Api = MiniStorageApi> {
  /** The platform object. Default: the platform's global. */
  api?: Api
}

/** Options of the platform logins: those of `createCodeLogin`, with the code taken from the platform. */
export interface MiniLoginOptions<Api = MiniLoginApi> extends Partial<CodeLoginOptions> {
  /** The platform object. Default: the platform's global. */
  api?: Api
}

/**
 * Options of the `createXxxClient` shortcuts: those of `createClient`, with the platform's
 * transport, storage and code login as defaults (pass `login: undefined` for none).
 */
export type MiniClientOptions<
  Api = MiniPlatformApi,
  PlatformOptions extends object = PlatformRequestOptions,
> = Omit<ClientOptions<PlatformOptions>, 'transport'> &
  Partial<Pick<ClientOptions<PlatformOptions>, 'transport'>> &
  MiniLoginOptions<Api> &
  Pick<MiniTransportOptions, 'maxConcurrent' | 'methods'>

/** Options of the platform code getters (`getWxLoginCode`, ...). */
export interface MiniLoginCodeOptions<Api = MiniLoginApi> {
  /** The platform object. Default: the platform's global. */
  api?: Api
}

/**
 * The factories of a platform adapter; each needs only its part of the platform object.
 * `PlatformOptions`: what the platform's request takes besides the SDK's options.
 */
export interface MiniPlatformKit<PlatformOptions extends object = PlatformRequestOptions> {
  readonly createTransport: (
    options?: MiniTransportOptions<MiniNetworkApi>,
  ) => Transport<PlatformOptions>
  readonly createStorage: (options?: MiniStorageOptions<MiniStorageApi>) => Storage
  readonly createLogin: (options?: MiniLoginOptions<MiniLoginApi>) => LoginFunction
  readonly createClient: (
    options: MiniClientOptions<MiniPlatformApi, PlatformOptions>,
  ) => Client<PlatformOptions>
  readonly getLoginCode: (options?: MiniLoginCodeOptions<MiniLoginApi>) => Promise<string>
}

/** The given platform object, else the global one; `OptionsError` when there is neither. */
export function resolveApi<Api>(
  api: Api | undefined,
  global: () => Api | undefined,
  name: string,
): Api {
  const found = api || global()
  if (!found) throw new OptionsError('api', `the ${name} object (no global ${name})`, found)
  return found
}

/**
 * Builds the adapter of a WeChat-shaped platform (`wx`, `tt`, `qq`, `swan`, `uni`, `Taro`):
 * `platform` names its global and lists the methods its request takes, `global` returns that
 * global if there is one.
 */
export function defineMiniPlatform<PlatformOptions extends object = PlatformRequestOptions>(
  platform: MiniPlatformInfo,
  global: () => MiniPlatformApi | undefined,
): MiniPlatformKit<PlatformOptions> {
  const name = platform.name
  const kit: MiniPlatformKit<PlatformOptions> = {
    createTransport: (options = {}) =>
      createMiniTransport<PlatformOptions>(
        resolveApi<MiniNetworkApi>(options.api, global, name),
        platform,
        options,
      ),
    createStorage: (options = {}) => createMiniStorage(resolveApi(options.api, global, name)),
    getLoginCode: (options = {}) => {
      const api = resolveApi<MiniLoginApi>(options.api, global, name)
      return getMiniCode<{ code?: string }>(
        (callbacks) => api.login(callbacks),
        (result) => result.code,
      )
    },
    createLogin: (options = {}) => {
      // Resolved now: a missing platform object fails at creation, not at the first login.
      const api = resolveApi<MiniLoginApi>(options.api, global, name)
      const getCode = () => kit.getLoginCode({ api })
      return createCodeLogin(assign({ getCode }, options))
    },
    createClient: (options) =>
      createClient<PlatformOptions>(
        assign({}, options, {
          transport: options.transport || kit.createTransport(options),
          storage: options.storage || kit.createStorage(options),
          login: 'login' in options ? options.login : kit.createLogin(options),
          checkSession:
            'checkSession' in options
              ? options.checkSession
              : miniCheckSession(options.api || global()),
        }),
      ),
  }
  return kit
}
