import { HEADER, ROUTE } from './config'

/** One kind of request the servers are loaded with. */
export interface Scenario {
  id: 'read' | 'write' | 'anon-read' | 'create'
  label: string
  method: 'GET' | 'POST'
  /** Whether each connection sends the token of an existing session. */
  withToken: boolean
}

export const SCENARIOS: readonly Scenario[] = [
  { id: 'read', label: 'GET, session exists (read)', method: 'GET', withToken: true },
  { id: 'write', label: 'POST, session changes (write)', method: 'POST', withToken: true },
  { id: 'anon-read', label: 'GET, no token', method: 'GET', withToken: false },
  { id: 'create', label: 'POST, no token (create)', method: 'POST', withToken: false },
]

/** What a server answered to one request. */
export interface Answer {
  status: number
  token: string | null
  views: number
}

/** Send one request of the route, with or without a token. */
export async function request(url: string, method: string, token?: string): Promise<Answer> {
  const response = await fetch(url + ROUTE, {
    method,
    headers: token === undefined ? {} : { [HEADER]: token },
  })
  const body = (await response.json()) as { views?: unknown }
  return {
    status: response.status,
    token: response.headers.get(HEADER),
    views: typeof body.views === 'number' ? body.views : NaN,
  }
}

/**
 * Create `count` sessions (one per connection) by POSTing without a token, and return their
 * tokens. A server without sessions (bare Koa) gets placeholder tokens of the same length, so
 * that every server reads requests of the same size.
 */
export async function seedSessions(
  url: string,
  count: number,
  sessions: boolean,
): Promise<string[]> {
  const tokens: string[] = []
  for (let i = 0; i < count; i++) {
    if (!sessions) {
      tokens.push(`placeholder-token-${i}`.padEnd(43, 'x'))
      continue
    }
    const answer = await request(url, 'POST')
    if (answer.status !== 200 || !answer.token) {
      throw new Error(`seeding a session failed: ${answer.status}, token ${answer.token}`)
    }
    tokens.push(answer.token)
  }
  return tokens
}

/**
 * Whether the seeded sessions are still stored (checked on the first one). They vanish when
 * something else flushes the bench's Redis database or the store drops them.
 */
export async function sessionsAlive(url: string, tokens: readonly string[]): Promise<boolean> {
  const answer = await request(url, 'GET', tokens[0])
  return answer.status === 200 && answer.views >= 1
}

/**
 * Check that the server behaves as the scenario assumes (so that a fast wrong answer cannot
 * pass for a fast right one): a read finds the session and sends no token, a write changes
 * it, a request without a token stores nothing, a create returns a new token.
 */
export async function checkScenario(
  url: string,
  scenario: Scenario,
  token: string,
  sessions: boolean,
): Promise<void> {
  const fail = (what: string): never => {
    throw new Error(`${scenario.id} on ${url}: ${what}`)
  }
  const before = await request(url, 'GET', token)
  const answer = await request(url, scenario.method, scenario.withToken ? token : undefined)
  if (answer.status !== 200) fail(`status ${answer.status}`)
  if (!sessions) return
  if (scenario.id === 'read' && (answer.views < 1 || answer.token !== null)) {
    fail(`a read answered views ${answer.views}, token ${answer.token}`)
  }
  if (scenario.id === 'write' && answer.views !== before.views + 1) {
    fail(`a write answered views ${answer.views} after ${before.views}`)
  }
  if (scenario.id === 'anon-read' && (answer.views !== 0 || answer.token)) {
    fail(`a request without a token answered views ${answer.views}, token ${answer.token}`)
  }
  if (scenario.id === 'create' && (answer.views !== 1 || !answer.token)) {
    fail(`a create answered views ${answer.views}, token ${answer.token}`)
  }
}
