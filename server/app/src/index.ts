export { createApp, type AppOptions, type WechatOptions } from './app'
export type { AppRouter, AppRoutes, RouteDeps } from './routes'
export { loadConfig, ConfigError, type AppConfig, type LogLevel } from './config'
export { createLogger, type LoggerOptions } from './logger'
export { createLineBatch, type LineBatch } from './logging/line-batch'
export { openStore, migrateAll, knexConfigFor, type OpenStore } from './open-store'
export {
  migrateApp,
  rollbackApp,
  appMigrationSource,
  appMigrationConfig,
  APP_MIGRATIONS_TABLE,
  type AppMigration,
} from './migrations'
export {
  AppError,
  ContentCheckUnavailableError,
  ContentRejectedError,
  LoginRequiredError,
  NotFoundError,
  RateLimitedError,
  SessionKeyMissingError,
  ValidationError,
  WechatApiError,
  WechatDataInvalidError,
  WechatLoginError,
  WechatUnavailableError,
  type WechatApiErrorCode,
  type WechatDataCheck,
} from './errors'
export {
  createRateLimitTable,
  DEFAULT_LIMITS_OPTIONS,
  openSqliteLimitStore,
  openSqlLimitStore,
  RATE_LIMIT_TABLE,
  sqliteLimitFile,
  sqlLimitStore,
  type LimitsOptions,
  type LimitStore,
  type RateRule,
  type OpenedLimitStore,
} from './limits'
export { clientAddress, parseTrustedProxies, type TrustedProxies } from './http/client-address'

// WeChat's server APIs: the shared access_token, the user APIs, open data
export {
  createAccessTokenProvider,
  DEFAULT_ACCESS_TOKEN_OPTIONS,
  type AccessTokenProvider,
  type AccessTokenProviderOptions,
  type AccessTokenRefresh,
} from './wechat/access-token'
export type {
  AccessTokenStore,
  CachedAccessToken,
  ForcedRefreshDecision,
  ForcedRefreshRequest,
} from './wechat/access-token-store'
export { accessTokenStoreFor } from './wechat/access-token-store-for'
export {
  createRedisAccessTokenStore,
  type RedisAccessTokenStoreOptions,
} from './wechat/redis-access-token-store'
export {
  createSqlAccessTokenStore,
  createWechatTokenTable,
  WECHAT_TOKEN_TABLE,
  type SqlAccessTokenStoreOptions,
} from './wechat/sql-access-token-store'
export { createWechatApi, type WechatApi, type WechatApiOptions } from './wechat/wechat-api'
export {
  DEFAULT_CONTENT_CHECK_OPTIONS,
  type AppWechatOptions,
  type ContentCheckFallback,
  type ContentCheckOptions,
} from './wechat/app-wechat'
export { maskPhone } from './models/mask-phone'
export type { PhoneNumber } from './wechat/phone-number'
export type {
  MsgSecCheckDetail,
  MsgSecCheckInput,
  MsgSecCheckResult,
  MsgSecCheckScene,
  MsgSecSuggest,
} from './wechat/msg-sec-check'
export {
  checkSignature,
  decryptOpenData,
  type OpenData,
  type OpenDataInput,
  type OpenDataWatermark,
} from './wechat/open-data'
