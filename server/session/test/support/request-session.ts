import { RequestSession } from '../../src/session'
import { createSecretSealer } from '../../src/session-secrets'
import type { JsonObject } from '../../src/types'

/**
 * A loaded session over `data`, as the session context builds one, whose `save()` does
 * nothing; `encryptionKeys` seal its secrets.
 */
export function loadedSession(
  data: JsonObject = {},
  encryptionKeys: string[] = [],
): RequestSession {
  const owner = { save: async () => {}, sealer: createSecretSealer(encryptionKeys) }
  return new RequestSession(owner, 'x'.repeat(43), {
    data,
    userId: null,
    device: null,
    createdAt: 0,
    lastSeenAt: 0,
    idleExpiresAt: 1,
    absoluteExpiresAt: 1,
    version: 1,
  })
}
