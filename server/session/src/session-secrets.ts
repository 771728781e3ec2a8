import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto'

/**
 * The top-level key of the session data where `setSecret` keeps its values. The data view,
 * `get`, `set` and `delete` never show or touch it, so a route that sends `ctx.session.data`
 * to a client cannot send a secret with it; it is stored, committed, rotated and destroyed with
 * the rest of the record, by every store, as ordinary data.
 */
export const SECRETS_KEY = '$secrets'

/** Prefix of a sealed value: `aes256gcm.<key id>.<iv>.<ciphertext>.<tag>` (base64url parts). */
const SEALED = 'aes256gcm'
/** Prefix of a value stored as it is, when no encryption key is configured. */
const PLAIN = 'plain'

/** The shortest encryption key accepted: 32 characters, hashed to AES-256's key. */
export const MIN_ENCRYPTION_KEY_LENGTH = 32

interface EncryptionKey {
  id: string
  key: Buffer
}

/** Seals and opens the values of `setSecret`. */
export interface SecretSealer {
  seal(value: string): string
  /** The value, or `undefined` when no configured key opens it (or it was tampered with). */
  open(stored: string): string | undefined
}

function encryptionKey(text: string): EncryptionKey {
  const key = createHash('sha256').update(`session-secrets:${text}`).digest()
  return { id: createHash('sha256').update(key).digest('base64url').slice(0, 8), key }
}

/**
 * A sealer over `keys`: the first seals, every one opens (so a key can be rotated in by putting
 * it first and the old one second). Without keys values are stored as they are, and a store's
 * dump or backup shows them.
 */
export function createSecretSealer(keys: readonly string[]): SecretSealer {
  const encryptionKeys = keys.map(encryptionKey)
  const sealing = encryptionKeys[0]
  return {
    seal(value) {
      if (!sealing) return `${PLAIN}.${value}`
      const iv = randomBytes(12)
      const cipher = createCipheriv('aes-256-gcm', sealing.key, iv)
      const ciphertext = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()])
      const parts = [iv, ciphertext, cipher.getAuthTag()].map((part) => part.toString('base64url'))
      return [SEALED, sealing.id, ...parts].join('.')
    },
    open(stored) {
      if (stored.startsWith(`${PLAIN}.`)) return stored.slice(PLAIN.length + 1)
      const [scheme, keyId, iv, ciphertext, tag] = stored.split('.')
      const opening = encryptionKeys.find((candidate) => candidate.id === keyId)
      if (scheme !== SEALED || !opening || !iv || ciphertext === undefined || !tag) return undefined
      try {
        const decipher = createDecipheriv('aes-256-gcm', opening.key, Buffer.from(iv, 'base64url'))
        decipher.setAuthTag(Buffer.from(tag, 'base64url'))
        const plain = Buffer.concat([
          decipher.update(Buffer.from(ciphertext, 'base64url')),
          decipher.final(),
        ])
        return plain.toString('utf8')
      } catch {
        return undefined
      }
    },
  }
}
