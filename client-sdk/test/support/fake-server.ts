/**
 * A platform-neutral scripted server for the fake platforms: each fake turns a reply into what
 * its real platform would report (callback shapes, header casing, joined duplicates, failures).
 */

/** A request as the fake server sees it, whatever platform sent it. */
export interface ServerRequest {
  readonly kind: 'request' | 'upload' | 'download'
  readonly method: string
  readonly url: string
  /** Header names as sent. */
  readonly headers: Readonly<Record<string, string>>
  readonly body?: string | ArrayBuffer
  readonly fileField?: string
  readonly filePath?: string
  readonly formData?: Readonly<Record<string, string>>
}

/** A reply: an HTTP answer (header pairs, duplicates allowed), a failure, or no answer at all. */
export type ServerReply =
  | {
      readonly status: number
      readonly headers?: ReadonlyArray<readonly [string, string]>
      readonly body?: string
    }
  | { readonly fail: 'network' | 'timeout' }
  | { readonly hang: true }

/** Answers one request. */
export type FakeServer = (request: ServerRequest) => ServerReply

/** How a platform reports response header names. */
export interface HeaderReporting {
  /** Lowercase every name (HTTP/2, Baidu, fetch). Default: keep the server's casing. */
  readonly lowercase?: boolean
}

/** Header pairs → the plain object a mini-program reports: duplicates joined with `, `. */
export function headerObject(
  pairs: ReadonlyArray<readonly [string, string]>,
  reporting: HeaderReporting,
): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [rawName, value] of pairs) {
    const name = reporting.lowercase ? rawName.toLowerCase() : rawName
    const existing = Object.keys(out).find((k) => k.toLowerCase() === name.toLowerCase())
    if (existing !== undefined) out[existing] = `${out[existing]}, ${value}`
    else out[name] = value
  }
  return out
}

/** Runs `fn` on a later macrotask, as platform callbacks arrive. */
export function later(fn: () => void): void {
  setTimeout(fn, 0)
}

/** A JSON reply. */
export function jsonReply(
  status: number,
  body: unknown,
  headers: ReadonlyArray<readonly [string, string]> = [],
): ServerReply {
  return {
    status,
    headers: [['Content-Type', 'application/json'], ...headers],
    body: JSON.stringify(body),
  }
}
