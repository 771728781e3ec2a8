export { HeaderSessionError } from './header-session-error'
export { SessionOptionsError } from './session-options-error'
export {
  SessionStoreUnavailableError,
  type StoreFailureOutcome,
} from './session-store-unavailable-error'
export { SessionConflictError } from './session-conflict-error'
export { SessionDataTooLargeError } from './session-data-too-large-error'
export { SessionDataInvalidError } from './session-data-invalid-error'
export { SessionRecordCorruptError } from './session-record-corrupt-error'
