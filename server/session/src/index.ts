// The middleware
export { createSessionMiddleware } from './middleware'
export {
  DEFAULT_SESSION_MIDDLEWARE_OPTIONS,
  type SessionMiddlewareOptions,
  type ResolvedSessionMiddlewareOptions,
} from './options'
export type { SessionEvent, SessionEventType } from './events'
export type { SessionStatus } from './session-context'

// The session object and tokens
export { Session, sessionHandle, type DroppedReason } from './session'
export { newSessionId, tokenFor, tokenHint, withoutIds, MAX_TOKEN_LENGTH } from './token'

// The store contract
export { applyOperations } from './operations'
export type {
  CommitResult,
  JsonObject,
  JsonValue,
  SessionBinding,
  SessionCommit,
  SessionData,
  SessionOperation,
  SessionPath,
  SessionRecord,
  SessionStore,
  UserSession,
} from './types'

// Errors
export {
  HeaderSessionError,
  SessionDataInvalidError,
  SessionDataTooLargeError,
  SessionOptionsError,
  SessionRecordCorruptError,
  SessionStoreUnavailableError,
} from './errors'

// The memory store
export {
  createMemoryStore,
  DEFAULT_MEMORY_STORE_OPTIONS,
  type MemoryStoreOptions,
} from './stores/memory/memory-store'
