import { createHmac, randomFillSync, timingSafeEqual } from 'node:crypto'

const ID_BYTES = 32
/** Random bytes for 128 ids, drawn from the CSPRNG in one call and used once each. */
const pool = Buffer.alloc(ID_BYTES * 128)
let offset = pool.length

/** A session id: 32 bytes from a CSPRNG, base64url without padding (43 characters). */
export function newSessionId(): string {
  if (offset === pool.length) {
    randomFillSync(pool)
    offset = 0
  }
  const id = pool.toString('base64url', offset, offset + ID_BYTES)
  offset += ID_BYTES
  return id
}

const ID = /^[A-Za-z0-9_-]{43}$/
const TOKEN_CHARS = /^[A-Za-z0-9._-]*$/
/** PROTOCOL: a token longer than this is malformed. */
export const MAX_TOKEN_LENGTH = 256

/** What a request's token turned out to be. */
export type TokenReading =
  | { kind: 'none' }
  | { kind: 'malformed'; reason: string }
  /** `stale` is true when an older secret signed it: the token should be signed anew. */
  | { kind: 'valid'; id: string; stale: boolean }

function mac(secret: string, id: string): Buffer {
  return createHmac('sha256', secret).update(id).digest()
}

/** The token for an id: the id itself, or `<id>.<mac>` signed with the first secret. */
export function tokenFor(id: string, secrets: readonly string[]): string {
  const secret = secrets[0]
  return secret === undefined ? id : `${id}.${mac(secret, id).toString('base64url')}`
}

/** The reading of a request without a token (most requests): one object for all of them. */
const NO_TOKEN: TokenReading = Object.freeze({ kind: 'none' })

/**
 * Classify a request header value without touching any store. Besides PROTOCOL's malformed
 * cases (too long, bad characters, commas or whitespace, bad signature), an id that is not
 * 43 base64url characters is malformed too: this server never issues one.
 */
export function readToken(value: string | undefined, secrets: readonly string[]): TokenReading {
  if (value === undefined || value === '') return NO_TOKEN
  if (value.length > MAX_TOKEN_LENGTH) return { kind: 'malformed', reason: 'too long' }
  if (!TOKEN_CHARS.test(value)) return { kind: 'malformed', reason: 'bad characters' }
  const dot = value.indexOf('.')
  const id = dot === -1 ? value : value.slice(0, dot)
  if (!ID.test(id)) return { kind: 'malformed', reason: 'not an id' }
  if (secrets.length === 0) {
    return dot === -1
      ? { kind: 'valid', id, stale: false }
      : { kind: 'malformed', reason: 'signed' }
  }
  if (dot === -1) return { kind: 'malformed', reason: 'unsigned' }
  // Compare the text, not decoded bytes: base64url's last character has spare bits, and a
  // token that differs only there must not verify.
  const given = Buffer.from(value.slice(dot + 1))
  for (let i = 0; i < secrets.length; i++) {
    const expected = Buffer.from(mac(secrets[i] as string, id).toString('base64url'))
    if (given.length === expected.length && timingSafeEqual(given, expected)) {
      return { kind: 'valid', id, stale: i > 0 }
    }
  }
  return { kind: 'malformed', reason: 'bad signature' }
}

/** At most 6 characters of a token, for logs and events. */
export function tokenHint(idOrToken: string): string {
  return idOrToken.slice(0, 6)
}

/** Anything shaped like a session id (43 base64url characters), wherever it is in a text. */
const ID_SHAPED = /(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/g

/**
 * `text` with every id-shaped run cut to its hint (`abcdef…`). A store's error message may
 * quote its statement, and so the id it was about (MySQL does): such a text goes into events
 * and logs only through this.
 */
export function withoutIds(text: string): string {
  return text.replace(ID_SHAPED, (id) => `${tokenHint(id)}…`)
}
