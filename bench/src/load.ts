import autocannon from 'autocannon'
import { HEADER, ROUTE } from './config'

/** Options of one load run. */
export interface LoadOptions {
  url: string
  method: 'GET' | 'POST'
  connections: number
  durationSeconds: number
  /** Connection i sends `tokens[i % tokens.length]`; none when empty. */
  tokens: readonly string[]
  /** When set, every request picks a token at random from this pool instead. */
  randomToken?: () => string
}

/** What one run measured. Latencies are milliseconds. */
export interface LoadResult {
  requests: number
  durationSeconds: number
  rps: number
  p50: number
  p99: number
  errors: number
  non2xx: number
}

/** A run that can be stopped early (`stop()`), e.g. when the pruning it overlaps has finished. */
export interface LoadRun {
  done: Promise<LoadResult>
  stop(): void
}

/** Load `url` with autocannon, programmatically, in this process (one worker). */
export function startLoad(options: LoadOptions): LoadRun {
  const { tokens, randomToken } = options
  let next = 0
  let instance: autocannon.Instance | undefined
  const done = new Promise<LoadResult>((resolve, reject) => {
    instance = autocannon(
      {
        url: options.url + ROUTE,
        method: options.method,
        connections: options.connections,
        duration: options.durationSeconds,
        ...(randomToken
          ? {
              requests: [
                {
                  setupRequest: (request) => ({
                    ...request,
                    headers: { ...request.headers, [HEADER]: randomToken() },
                  }),
                },
              ],
            }
          : {}),
        setupClient: (client) => {
          if (tokens.length === 0 || randomToken) return
          client.setHeaders({ [HEADER]: tokens[next++ % tokens.length] })
        },
      },
      (error, result) => {
        if (error) return reject(error)
        const seconds = (result.finish.getTime() - result.start.getTime()) / 1000
        resolve({
          requests: result.requests.total,
          durationSeconds: seconds,
          rps: result.requests.total / seconds,
          p50: result.latency.p50,
          p99: result.latency.p99,
          errors: result.errors + result.timeouts,
          non2xx: result.non2xx,
        })
      },
    )
  })
  return { done, stop: () => instance?.stop() }
}

/** Load and wait for the result. */
export function load(options: LoadOptions): Promise<LoadResult> {
  return startLoad(options).done
}
