import type { ServerResponse } from 'node:http'
import type { Context } from 'koa'
import { varyOnOrigin } from '../src/http/cors'

/** The part of node:http's response `varyOnOrigin` uses, with `Vary` set to `vary` (or unset). */
function answer(vary: string | string[] | undefined, headersSent = false): ServerResponse {
  const headers = new Map<string, string | string[]>()
  if (vary !== undefined) headers.set('vary', vary)
  return {
    headersSent,
    getHeader: (name: string) => headers.get(name.toLowerCase()),
    setHeader: (name: string, value: string) => headers.set(name.toLowerCase(), value),
  } as unknown as ServerResponse
}

function varyAfter(vary: string | string[] | undefined, headersSent = false): unknown {
  const res = answer(vary, headersSent)
  varyOnOrigin({ res } as Context)
  return res.getHeader('Vary')
}

describe('varyOnOrigin', () => {
  it('puts Origin first in any Vary, each answer on its own', () => {
    // The same Vary in turn with others: what was merged for one answer is never another's.
    const cases: [string | string[] | undefined, string | string[] | undefined][] = [
      [undefined, 'Origin'],
      ['X-Header-Session', 'Origin, X-Header-Session'],
      ['X-Header-Session', 'Origin, X-Header-Session'],
      ['', 'Origin'],
      ['Accept-Encoding', 'Origin, Accept-Encoding'],
      ['X-Header-Session', 'Origin, X-Header-Session'],
      [['Accept', 'X-Header-Session'], 'Origin, Accept, X-Header-Session'],
      ['*', '*'],
      [' * ', ' * '],
      ['ORIGIN', 'ORIGIN'],
      ['Accept, origin', 'Accept, origin'],
      ['X-Origin-Id', 'Origin, X-Origin-Id'],
      ['X-Header-Session', 'Origin, X-Header-Session'],
    ]
    expect(cases.map(([vary]) => [vary, varyAfter(vary)])).toEqual(cases)
  })

  it('leaves an answer whose headers are sent alone', () => {
    expect(varyAfter('X-Header-Session', true)).toBe('X-Header-Session')
    expect(varyAfter(undefined, true)).toBeUndefined()
  })
})
