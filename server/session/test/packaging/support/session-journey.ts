import { mkdir } from 'node:fs/promises'
import { TokenClient } from '../../support/http'
import { runExample, waitForPort } from './example-process'

/**
 * Run the compiled example `file` (in `cwd`, made fresh) and take sessions through it over
 * HTTP, as the quick start's handler counts them: the first request is counted and given a
 * token, the token brings the session back, a request without it is another session, and a
 * well-formed token the store never issued is replaced. Returns the tokens it was issued.
 */
export async function sessionJourney(file: string, port: number, cwd: string): Promise<string[]> {
  await mkdir(cwd, { recursive: true })
  const example = runExample(file, cwd)
  try {
    await waitForPort(port, example)
    const url = `http://127.0.0.1:${port}`
    const user = new TokenClient(url)
    const first = await user.send('GET', '/')
    expect({ status: first.status, body: first.body, session: first.sessionStatus }).toEqual({
      status: 200,
      body: { views: 1 },
      session: 'created',
    })
    expect(user.token).toMatch(/^[A-Za-z0-9_-]{43}$/)
    const again = await user.send('GET', '/')
    expect({ status: again.status, body: again.body, token: again.token }).toEqual({
      status: 200,
      body: { views: 2 },
      token: null,
    })

    const stranger = new TokenClient(url)
    expect((await stranger.send('GET', '/')).body).toEqual({ views: 1 })
    const forged = 'A'.repeat(43)
    const forger = new TokenClient(url)
    forger.token = forged
    const answer = await forger.send('GET', '/')
    expect({ status: answer.status, body: answer.body }).toEqual({
      status: 200,
      body: { views: 1 },
    })
    expect(forger.token).not.toBe(forged)
    return [user.token, stranger.token, forger.token].filter((token) => token !== null)
  } catch (error) {
    throw new Error(`${(error as Error).message}\nthe example printed:\n${example.output()}`, {
      cause: error,
    })
  } finally {
    await example.stop()
  }
}
