export { createSessionMiddleware } from './middleware'
export {
  DEFAULT_SESSION_MIDDLEWARE_OPTIONS,
  type SessionMiddlewareOptions,
  type ResolvedSessionMiddlewareOptions,
} from './options'
export { Session, sessionHandle } from './session'
export type { SessionStatus } from './session-context'
export type { SessionEvent, SessionEventType } from './events'
export { newSessionId, tokenFor, tokenHint, MAX_TOKEN_LENGTH } from './token'
export { applyOperations } from './operations'
export type * from './types'
export * from './errors'
export {
  createMemoryStore,
  DEFAULT_MEMORY_STORE_OPTIONS,
  type MemoryStoreOptions,
} from './stores/memory/memory-store'
