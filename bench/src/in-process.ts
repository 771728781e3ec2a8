import { IncomingMessage, ServerResponse, type RequestListener } from 'node:http'
import type { Socket } from 'node:net'
import { HEADER, ROUTE } from './config'
import type { Scenario } from './scenarios'

/**
 * What every request of an in-process run comes from: the peer a loopback connection would
 * show. No bytes go through it; the request and the answer stay in memory.
 */
const PEER = {
  remoteAddress: '127.0.0.1',
  remotePort: 50_000,
  encrypted: false,
} as unknown as Socket

/** One request answered in process: its status, body and session header. */
export interface InProcessAnswer {
  status: number
  body: string
  token: string | undefined
}

/**
 * Runs `listener` (a Koa app's `callback()`) on a request built in memory: Node's own
 * `IncomingMessage` and `ServerResponse`, with no socket, so Koa and the middleware do all
 * their work (headers, body, answer) but nothing is parsed from or written to a network.
 *
 * @throws Error when the listener is not a Koa listener (it must return a promise).
 */
export async function answer(
  listener: RequestListener,
  method: string,
  path: string,
  headers: Record<string, string>,
  keepBody = false,
): Promise<InProcessAnswer> {
  const req = new IncomingMessage(PEER)
  req.method = method
  req.url = path
  req.headers = headers
  req.httpVersionMajor = 1
  req.httpVersionMinor = 1
  req.httpVersion = '1.1'
  const res = new ServerResponse(req)
  let body = ''
  if (keepBody) {
    const end = res.end.bind(res) as (chunk?: unknown) => ServerResponse
    res.end = ((chunk?: unknown) => {
      body = typeof chunk === 'string' ? chunk : String(chunk ?? '')
      return end(chunk)
    }) as ServerResponse['end']
  }
  const handled = listener(req, res) as unknown
  if (!(handled instanceof Promise)) {
    throw new Error('an in-process run needs a Koa listener (one that returns a promise)')
  }
  await handled
  const token = res.getHeader(HEADER)
  return { status: res.statusCode, body, token: typeof token === 'string' ? token : undefined }
}

/**
 * Creates `count` sessions through the route (POST without a token) and returns their tokens.
 * A 503 is tried again, a few times: the first store calls of a process under valgrind can
 * miss the session middleware's store deadline.
 */
export async function seedInProcess(
  listener: RequestListener,
  url: string,
  count: number,
): Promise<string[]> {
  const tokens: string[] = []
  for (let attempt = 0; tokens.length < count; attempt++) {
    const created = await answer(listener, 'POST', url + ROUTE, {}, true)
    if (created.status === 200 && created.token !== undefined) tokens.push(created.token)
    else if (created.status !== 503 || attempt >= count + 5) {
      throw new Error(`seeding a session failed: ${created.status} ${created.body}`)
    }
  }
  return tokens
}

/** The headers of a request of `scenario` on connection `connection`, as autocannon sends them. */
function headersFor(scenario: Scenario, tokens: readonly string[], connection: number) {
  const headers: Record<string, string> = { host: '127.0.0.1', connection: 'keep-alive' }
  if (scenario.withToken) headers[HEADER.toLowerCase()] = tokens[connection] as string
  return headers
}

/**
 * Checks one request of `scenario` answers as the HTTP bench expects (so that a fast wrong
 * answer cannot pass for a fast right one): 200, a count of at least 1 for a read and 0
 * without a token, and no new token.
 */
export async function checkInProcess(
  listener: RequestListener,
  url: string,
  scenario: Scenario,
  tokens: readonly string[],
): Promise<void> {
  const got = await answer(
    listener,
    scenario.method,
    url + ROUTE,
    headersFor(scenario, tokens, 0),
    true,
  )
  const views = (JSON.parse(got.body || '{}') as { views?: number }).views ?? NaN
  const expected = scenario.withToken ? views >= 1 : views === 0
  if (got.status !== 200 || !expected || got.token !== undefined) {
    throw new Error(`${scenario.id}: answered ${got.status} ${got.body}, token ${got.token}`)
  }
}

/** What a load of in-process requests cost. */
export interface InProcessSample {
  requests: number
  /** User + system CPU of the process over the load, µs. */
  cpuUs: number
  wallMs: number
}

/**
 * Sends `requests` requests of `scenario` to `listener`, `inFlight` at a time (each "connection"
 * sends its next request when its last one is answered, with its own session's token), and
 * measures the process's CPU time meanwhile: Koa, the middleware, the store client and the
 * garbage they leave, as a server process spends them, without the HTTP parser and sockets.
 *
 * @throws Error when an answer is not a 200.
 */
export async function loadInProcess(
  listener: RequestListener,
  url: string,
  scenario: Scenario,
  tokens: readonly string[],
  requests: number,
  inFlight: number,
): Promise<InProcessSample> {
  let left = requests
  const path = url + ROUTE
  async function connection(index: number): Promise<void> {
    while (left > 0) {
      left--
      const got = await answer(listener, scenario.method, path, headersFor(scenario, tokens, index))
      if (got.status !== 200) throw new Error(`${scenario.id}: answered ${got.status}`)
    }
  }
  const cpuBefore = process.cpuUsage()
  const started = performance.now()
  await Promise.all(Array.from({ length: inFlight }, (_, index) => connection(index)))
  const wallMs = performance.now() - started
  const cpu = process.cpuUsage(cpuBefore)
  return { requests, cpuUs: cpu.user + cpu.system, wallMs }
}
