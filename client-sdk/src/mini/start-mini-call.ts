import type { TransportRequest } from '../core/types'
import { assign } from '../core/util'
import { NetworkError } from '../errors/network-error'
import { OptionsError } from '../errors/options-error'
import type { MiniCallbacks, MiniCommonOptions, MiniNetworkApi, MiniResult } from './mini-api'
import { toPlatformMethod, type MiniMethod } from './mini-methods'

/** Largest timeout platforms take: beyond 2^31 - 1 ms their timers fire at once. */
const MAX_TIMEOUT_MS = 2147483647

/**
 * What every call is given: the caller's platform options (`enableHttp2`, ...) under the SDK's
 * own fields: URL, headers, the caller's timeout if any, the callbacks.
 */
function commonOptions(
  request: TransportRequest<object>,
  header: Readonly<Record<string, string>>,
  callbacks: MiniCallbacks<MiniResult>,
): MiniCommonOptions {
  const options: MiniCommonOptions = assign(
    {},
    request.platformOptions,
    { url: request.url, header },
    callbacks,
  )
  // Only a timeout the caller set: without one, the platform's default applies (`app.json`
  // `networkTimeout.request`; RequestOption.timeout, base library 2.10.0, in
  // miniprogram-api-typings 5.2.3).
  if (request.timeoutMs) options.timeout = Math.min(request.timeoutMs, MAX_TIMEOUT_MS)
  return options
}

/**
 * Starts `request` as the platform call its kind needs (`request`, `uploadFile`,
 * `downloadFile`), with the options that call takes, and returns what the call returns (its
 * task). `methods` are those the platform's request takes (`platform` names it in messages).
 *
 * @throws NetworkError when the platform lacks the call or the method;
 *   OptionsError for an upload without `filePath`.
 */
export function startMiniCall(
  api: MiniNetworkApi,
  request: TransportRequest<object>,
  methods: readonly MiniMethod[],
  platform: string,
  callbacks: MiniCallbacks<MiniResult>,
): unknown {
  if (request.kind === 'request') {
    const sent = toPlatformMethod(request.method, request.headers, methods, platform)
    return api.request(
      assign(commonOptions(request, sent.headers, callbacks), {
        method: sent.method,
        data: request.body,
        dataType: 'text',
        responseType: request.responseType === 'arraybuffer' ? 'arraybuffer' : 'text',
      } as const),
    )
  }
  const options = commonOptions(request, request.headers, callbacks)
  if (request.kind === 'download') {
    if (typeof api.downloadFile !== 'function')
      throw new NetworkError(platform + ' cannot download')
    return api.downloadFile(assign(options, { filePath: request.filePath }))
  }
  if (typeof api.uploadFile !== 'function') throw new NetworkError(platform + ' cannot upload')
  if (!request.filePath) {
    throw new OptionsError('filePath', 'a local file path for mini-program uploads', undefined)
  }
  const { name, filePath, formData } = request
  return api.uploadFile(assign(options, { name, filePath, formData }))
}
