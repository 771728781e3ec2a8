import type { FakeServer } from './fake-server'
import type { FetchInitLike, FetchLike, FetchResponseLike } from '../../src/fetch/index'

/** Headers a cross-origin page may read when the server exposes nothing. */
const SAFELISTED = [
  'cache-control',
  'content-language',
  'content-length',
  'content-type',
  'expires',
  'last-modified',
  'pragma',
]

/** A fake `fetch`, plus what it recorded. */
export interface FakeFetch extends FetchLike {
  readonly calls: Array<{ url: string; init: FetchInitLike }>
  aborted: number
}

/**
 * A fake `fetch` answering real `Response`s (so `Headers` lowercases and joins duplicates as
 * browsers and Node do). `cors: true` plays a cross-origin page: `type` is `cors` and only the
 * safelisted headers are visible, since the server exposes none.
 */
export function createFakeFetch(server: FakeServer, options: { cors?: boolean } = {}): FakeFetch {
  const calls: Array<{ url: string; init: FetchInitLike }> = []
  const fake = Object.assign(
    async (url: string, init: FetchInitLike): Promise<FetchResponseLike> => {
      calls.push({ url, init })
      const signal = init.signal as AbortSignal | undefined
      const abortError = () => new DOMException('This operation was aborted', 'AbortError')
      if (signal?.aborted) throw abortError()
      let body: string | ArrayBuffer | undefined
      let fileField: string | undefined
      let formData: Record<string, string> | undefined
      if (init.body instanceof FormData) {
        formData = {}
        for (const [name, value] of init.body.entries()) {
          if (typeof value === 'string') formData[name] = value
          else fileField = name
        }
      } else body = init.body as string | ArrayBuffer | undefined
      const kind = init.method === 'POST' && fileField ? 'upload' : 'request'
      const reply = server({
        kind,
        method: init.method,
        url,
        headers: init.headers,
        body,
        fileField,
        formData,
      })
      if ('hang' in reply || 'fail' in reply) {
        if ('fail' in reply && reply.fail === 'network') throw new TypeError('fetch failed')
        if ('fail' in reply) throw new DOMException('The operation timed out.', 'TimeoutError')
        return new Promise((_, reject) =>
          signal?.addEventListener('abort', () => {
            fake.aborted++
            reject(abortError())
          }),
        )
      }
      const headers = new Headers()
      for (const [name, value] of reply.headers ?? []) {
        if (!options.cors || SAFELISTED.includes(name.toLowerCase())) headers.append(name, value)
      }
      const response = new Response(reply.body ?? '', { status: reply.status, headers })
      return options.cors ? Object.defineProperty(response, 'type', { value: 'cors' }) : response
    },
    { calls, aborted: 0 },
  )
  return fake
}
