import { mergeHeaders } from '../core/headers'
import type { HttpMethod } from '../core/types'
import { NetworkError } from '../errors/network-error'

/** The methods a mini-program's request may be given: none of the platforms takes PATCH. */
export type MiniMethod = Exclude<HttpMethod, 'PATCH'>

/** The request header naming the method a POST stands for. */
export const METHOD_OVERRIDE_HEADER = 'X-HTTP-Method-Override'

/**
 * What a POST may stand for. The reference server honours `X-HTTP-Method-Override` on a POST,
 * for these three only: a HEAD or an OPTIONS sent as a POST would run the POST route.
 */
const OVERRIDABLE: readonly HttpMethod[] = ['PUT', 'PATCH', 'DELETE']

/** The method and headers a request goes out with on a platform. */
export interface PlatformMethod {
  readonly method: MiniMethod
  readonly headers: Readonly<Record<string, string>>
}

/**
 * How a request for `method` goes out on a platform whose request takes `methods`: as it is;
 * else, for PUT, PATCH and DELETE, as a POST with `X-HTTP-Method-Override: <method>`.
 *
 * @throws NetworkError for a method it takes neither way (HEAD or OPTIONS on Alipay).
 */
export function toPlatformMethod(
  method: HttpMethod,
  headers: Readonly<Record<string, string>>,
  methods: readonly MiniMethod[],
  platform: string,
): PlatformMethod {
  if (methods.indexOf(method as MiniMethod) >= 0) return { method: method as MiniMethod, headers }
  if (OVERRIDABLE.indexOf(method) < 0) {
    throw new NetworkError(`${platform}.request cannot send ${method}`)
  }
  return { method: 'POST', headers: mergeHeaders(headers, { [METHOD_OVERRIDE_HEADER]: method }) }
}
