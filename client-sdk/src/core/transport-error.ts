import { HeaderSessionError } from '../errors/header-session-error'
import { NetworkError } from '../errors/network-error'
import { TimeoutError } from '../errors/timeout-error'

/** A failure's fields the SDK reads: mini-programs' `errMsg`, `Error`'s `name` and `message`. */
interface FailureFields {
  errMsg?: unknown
  message?: unknown
  name?: unknown
}

/** The failure's own words: `errMsg`, else `message`, else the failure itself. */
function messageOf(failure: unknown): string {
  const f = (failure || {}) as FailureFields
  return String(f.errMsg || f.message || failure)
}

/**
 * Does a transport failure say that the platform timed out? Platforms say so in prose:
 * `request:fail timeout`, `超时` (Alipay); a fetch under `AbortSignal.timeout()` fails with a
 * `TimeoutError` DOMException (https://dom.spec.whatwg.org/#dom-abortsignal-timeout).
 */
export function isTimeoutFailure(failure: unknown): boolean {
  const name = ((failure || {}) as FailureFields).name
  return name === 'TimeoutError' || /timeout|超时/i.test(messageOf(failure))
}

/**
 * What a transport failed with, as an SDK error: SDK errors as they are, the platform's timeout
 * as a `TimeoutError` with the attempt's limit and the platform's words, anything else as a
 * `NetworkError` (the original in `cause`).
 */
export function toTransportError(failure: unknown, timeoutMs: number): HeaderSessionError {
  if (failure instanceof HeaderSessionError) return failure
  return isTimeoutFailure(failure)
    ? new TimeoutError(timeoutMs, { cause: failure }, messageOf(failure))
    : new NetworkError(messageOf(failure), { cause: failure })
}
