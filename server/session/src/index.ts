// The middleware
export { createSessionMiddleware, type SessionMiddleware } from './middleware'
export {
  DEFAULT_SESSION_MIDDLEWARE_OPTIONS,
  type SessionMiddlewareOptions,
  type ResolvedSessionMiddlewareOptions,
} from './options'
export { SESSION_EVENT_TYPES, type SessionEvent, type SessionEventType } from './events'
export type { SessionStatus } from './session-context'

// `ctx.session` and its data
export type { DroppedReason, Session, SessionKey, SetUserOptions } from './session-api'
export type { SessionData, SessionDataView } from './session-data'
export type { JsonObject, JsonValue, SessionPath } from './types'

// The session admin (`createSessionMiddleware(...).admin`)
export type {
  ListSessionsOptions,
  LiveSession,
  RevokeAllOptions,
  SessionAdmin,
} from './session-admin'

// Logs: what of a token or id may be written down
export { tokenHint, withoutIds } from './token'

// The store contract, to write a store of your own (`applyOperations`: what a commit does)
export { applyOperations } from './operations'
export type {
  CommitResult,
  SessionBinding,
  SessionCommit,
  SessionCommitBase,
  SessionOperation,
  SessionRecord,
  SessionStore,
  UserSession,
} from './types'

// The memory store
export {
  createMemoryStore,
  DEFAULT_MEMORY_STORE_OPTIONS,
  type MemoryStoreOptions,
} from './stores/memory/memory-store'

// Errors
export {
  HeaderSessionError,
  SessionConflictError,
  SessionDataInvalidError,
  SessionDataTooLargeError,
  SessionOptionsError,
  SessionRecordCorruptError,
  SessionStoreUnavailableError,
  type StoreFailureOutcome,
} from './errors'
