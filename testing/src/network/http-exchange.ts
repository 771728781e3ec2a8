import http from 'node:http'
import type { Socket } from 'node:net'

/** A request as it goes on the wire. */
export interface OutgoingRequest {
  readonly method: string
  readonly url: string
  readonly headers: Readonly<Record<string, string>>
  readonly body?: Buffer
}

/** The status line and headers of the response a call ends with. */
export interface ResponseHead {
  readonly statusCode: number
  /** Names and values in turn, as the server sent them (`IncomingMessage.rawHeaders`). */
  readonly rawHeaders: readonly string[]
}

/** A whole response. `stoppedAtRedirect`: a 3xx under `redirect: 'manual'`, body unread. */
export interface Answer extends ResponseHead {
  readonly body: Buffer
  readonly stoppedAtRedirect: boolean
}

/** Why an exchange failed: the domain list refused a redirect, or the network failed. */
export class ExchangeError extends Error {
  override readonly name = 'ExchangeError'
  constructor(
    readonly reason: 'domain' | 'network',
    message: string,
  ) {
    super(message)
  }
}

/** Options of {@link startExchange}. */
export interface ExchangeOptions {
  /** `follow`: 3xx answers are followed, as the platforms' HTTP stacks do; `manual`: not. */
  readonly redirect: 'follow' | 'manual'
  /** Whether the call may go to `url` (the domain list), checked on every redirect too. */
  readonly allows: (url: string) => boolean
  /** Called once with the head of the answer the call ends with, before its body is read. */
  readonly onHead: (head: ResponseHead) => void
}

/** An exchange under way: its answer, and a way to drop it. */
export interface Exchange {
  readonly answer: Promise<Answer>
  cancel(): void
}

/** Chromium's and OkHttp's limit of redirects in a row. */
const MAX_REDIRECTS = 20

const isRedirect = (status: number): boolean =>
  status === 301 || status === 302 || status === 303 || status === 307 || status === 308

/**
 * The request a redirect leads to, as browsers' and OkHttp's stacks make it: 303 (and 301/302
 * after a POST) becomes a GET without body; 307/308 keep method and body; `Authorization` does
 * not follow to another origin.
 */
function redirected(request: OutgoingRequest, status: number, location: string): OutgoingRequest {
  const url = new URL(location, request.url).toString()
  const headers: Record<string, string> = { ...request.headers }
  if (new URL(url).origin !== new URL(request.url).origin) {
    for (const name of Object.keys(headers)) {
      if (name.toLowerCase() === 'authorization') delete headers[name]
    }
  }
  const toGet =
    (status === 303 && request.method !== 'HEAD') ||
    ((status === 301 || status === 302) && request.method === 'POST')
  if (!toGet) return { ...request, url, headers }
  for (const name of Object.keys(headers)) {
    if (/^content-(type|length)$/i.test(name)) delete headers[name]
  }
  return { method: 'GET', url, headers }
}

/**
 * Sends `first` over `node:http` and follows redirects (`options.redirect`), checking each new
 * URL against the domain list. Resolves with the answer the call ends with; rejects with an
 * {@link ExchangeError}.
 */
export function startExchange(first: OutgoingRequest, options: ExchangeOptions): Exchange {
  let current: http.ClientRequest | undefined
  let cancelled = false
  const send = (request: OutgoingRequest) =>
    new Promise<Answer | { location: string; statusCode: number }>((resolve, reject) => {
      const failed = (error: Error) => reject(new ExchangeError('network', error.message))
      let req: http.ClientRequest
      try {
        req = http.request(request.url, { method: request.method, headers: request.headers })
      } catch (error) {
        return failed(error as Error)
      }
      current = req
      req.on('error', failed)
      // CONNECT answers through 'connect', with the tunnel's socket: end it, keep the head.
      req.on('connect', (res: http.IncomingMessage, socket: Socket) => {
        socket.destroy()
        const head = { statusCode: res.statusCode ?? 0, rawHeaders: res.rawHeaders }
        options.onHead(head)
        resolve({ ...head, body: Buffer.alloc(0), stoppedAtRedirect: false })
      })
      req.on('response', (res) => {
        const statusCode = res.statusCode ?? 0
        const location = res.headers.location
        const head = { statusCode, rawHeaders: res.rawHeaders }
        if (isRedirect(statusCode) && location !== undefined) {
          if (options.redirect === 'follow') {
            res.resume()
            return resolve({ location, statusCode })
          }
          options.onHead(head)
          res.destroy()
          return resolve({ ...head, body: Buffer.alloc(0), stoppedAtRedirect: true })
        }
        options.onHead(head)
        const chunks: Buffer[] = []
        res.on('data', (chunk: Buffer) => chunks.push(chunk))
        res.on('error', failed)
        res.on('end', () =>
          resolve({ ...head, body: Buffer.concat(chunks), stoppedAtRedirect: false }),
        )
      })
      req.end(request.body)
    })

  const answer = (async (): Promise<Answer> => {
    let request = first
    for (let hops = 0; ; hops++) {
      const got = await send(request)
      if (!('location' in got)) return got
      if (hops === MAX_REDIRECTS) throw new ExchangeError('network', 'too many redirects')
      const next = redirected(request, got.statusCode, got.location)
      if (!options.allows(next.url)) throw new ExchangeError('domain', next.url)
      if (cancelled) throw new ExchangeError('network', 'cancelled')
      request = next
    }
  })()
  return {
    answer,
    cancel() {
      cancelled = true
      current?.destroy()
    },
  }
}
