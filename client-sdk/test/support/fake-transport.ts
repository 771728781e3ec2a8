import { readHeader } from '../../src/core/headers'
import type {
  RawHeaders,
  Transport,
  TransportRequest,
  TransportResponse,
} from '../../src/core/types'

/** What a fake handler may answer; `status` defaults to 200. */
export type FakeAnswer = Partial<TransportResponse>

/** A scripted transport that records every request it is given. */
export interface FakeTransport extends Transport {
  readonly requests: TransportRequest[]
  /** Requests currently in flight. */
  readonly active: number
  /** Highest `active` seen. */
  readonly peak: number
}

/** A transport answering with `handler` (may be async, to hold requests in flight). */
export function fakeTransport(
  handler: (request: TransportRequest, index: number) => FakeAnswer | Promise<FakeAnswer>,
  maxConcurrent?: number,
): FakeTransport {
  const requests: TransportRequest[] = []
  let active = 0
  let peak = 0
  return {
    requests,
    maxConcurrent,
    get active() {
      return active
    },
    get peak() {
      return peak
    },
    async send(request) {
      requests.push(request)
      active++
      peak = Math.max(peak, active)
      try {
        const answer = await handler(request, requests.length - 1)
        return { status: 200, headers: {}, ...answer }
      } finally {
        active--
      }
    },
  }
}

/** A JSON answer. */
export function json(status: number, body: unknown, headers: RawHeaders = {}): FakeAnswer {
  return {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  }
}

/** The protocol's 401 answer. */
export function refused(
  code: 'SESSION_EXPIRED' | 'SESSION_REQUIRED' = 'SESSION_EXPIRED',
): FakeAnswer {
  return json(401, { error: { code, message: 'log in' } })
}

/** The session token a request carried, if any. */
export function sentToken(request: TransportRequest | undefined): string | undefined {
  return (request && readHeader(request.headers, 'X-Header-Session')) ?? undefined
}

/** A promise with its resolve function exposed. */
export function deferred<T = void>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void
  const promise = new Promise<T>((r) => (resolve = r))
  return { promise, resolve }
}

/** Lets pending promise callbacks run. */
export function flush(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve))
}

/** A well-formed token, 43 characters like the server's. */
export function token(tag: string): string {
  return (tag + '-' + 'x'.repeat(43)).slice(0, 43)
}
