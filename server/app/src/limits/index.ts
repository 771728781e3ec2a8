// The reference app's rate limits and where they are counted
export {
  DEFAULT_LIMITS_OPTIONS,
  limitsOptionsFromConfig,
  resolveLimitsOptions,
  type LimitsOptions,
  type RateRule,
  type ResolvedLimitsOptions,
} from './limit-options'
export type { LimitStore } from './limit-store'
export { createRequestLimits, type RequestLimits } from './request-limits'
export {
  createRateLimitTable,
  openSqliteLimitStore,
  openSqlLimitStore,
  RATE_LIMIT_TABLE,
  sqliteLimitFile,
  sqlLimitStore,
  type OpenedLimitStore,
} from './sql-limit-store'
export { addressKey } from './address-key'
