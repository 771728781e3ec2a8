import {
  newSessionId,
  readToken,
  tokenFor,
  tokenHint,
  withoutIds,
  MAX_TOKEN_LENGTH,
} from '../src/token'

const OLD = 'old-secret-0123456789abcdef'
const NEW = 'new-secret-0123456789abcdef'

describe('session tokens', () => {
  it('draws 256-bit ids as 43 base64url characters, never twice', () => {
    const ids = new Set(Array.from({ length: 1000 }, newSessionId))
    expect(ids.size).toBe(1000)
    for (const id of ids) {
      expect(id).toMatch(/^[A-Za-z0-9_-]{43}$/)
      expect(Buffer.from(id, 'base64url')).toHaveLength(32)
    }
  })

  it('reads no header as no token', () => {
    expect(readToken(undefined, [])).toEqual({ kind: 'none' })
    expect(readToken('', [])).toEqual({ kind: 'none' })
  })

  it('accepts an unsigned id when no secret is set', () => {
    const id = newSessionId()
    expect(readToken(tokenFor(id, []), [])).toEqual({ kind: 'valid', id, stale: false })
  })

  it('signs with the first secret and verifies with every one', () => {
    const id = newSessionId()
    const signed = tokenFor(id, [NEW, OLD])
    expect(signed).toMatch(new RegExp(`^${id}\\.[A-Za-z0-9_-]{43}$`))
    expect(readToken(signed, [NEW, OLD])).toEqual({ kind: 'valid', id, stale: false })
    const old = tokenFor(id, [OLD])
    expect(readToken(old, [NEW, OLD])).toEqual({ kind: 'valid', id, stale: true })
    expect(readToken(old, [NEW])).toEqual({ kind: 'malformed', reason: 'bad signature' })
  })

  it.each([
    ['too long', 'a'.repeat(MAX_TOKEN_LENGTH + 1)],
    ['bad characters', `${'a'.repeat(42)}+`],
    ['bad characters', `${'a'.repeat(43)} `],
    ['bad characters', `${'a'.repeat(43)},${'b'.repeat(43)}`],
    ['not an id', 'short'],
    ['not an id', `${'a'.repeat(44)}`],
  ])('rejects a token that is %s', (reason, token) => {
    expect(readToken(token, [])).toEqual({ kind: 'malformed', reason })
  })

  it('rejects tampered, unsigned and truncated signed tokens when secrets are set', () => {
    const id = newSessionId()
    const signed = tokenFor(id, [NEW])
    const flipped = signed.slice(0, -1) + (signed.endsWith('A') ? 'B' : 'A')
    expect(readToken(flipped, [NEW]).kind).toBe('malformed')
    expect(readToken(id, [NEW])).toEqual({ kind: 'malformed', reason: 'unsigned' })
    expect(readToken(signed.slice(0, -5), [NEW]).kind).toBe('malformed')
    expect(readToken(`${newSessionId()}${signed.slice(43)}`, [NEW]).kind).toBe('malformed')
  })

  it('hints at a token with 6 characters at most', () => {
    expect(tokenHint(newSessionId())).toHaveLength(6)
  })
})

describe('withoutIds', () => {
  it('cuts every id-shaped run of a text to its hint, and nothing else', () => {
    const id = newSessionId()
    const text = `delete from header_sessions where id = '${id}' - ER_LOCK_WAIT_TIMEOUT`
    expect(withoutIds(text)).toBe(
      `delete from header_sessions where id = '${id.slice(0, 6)}…' - ER_LOCK_WAIT_TIMEOUT`,
    )
    expect(withoutIds(`${id}.${id}`)).toBe(`${id.slice(0, 6)}….${id.slice(0, 6)}…`)
    const longer = 'a'.repeat(44)
    expect(withoutIds(longer)).toBe(longer)
  })
})
