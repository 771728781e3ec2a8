/** The types every mini-program adapter entry point (`/wx`, `/tt`, `/qq`, ...) re-exports. */
export type {
  MiniClientOptions,
  MiniLoginCodeOptions,
  MiniLoginOptions,
  MiniPlatformApi,
  MiniStorageOptions,
} from './mini-platform'
export type { MiniTransportOptions } from './create-mini-transport'
export type { MiniMethod } from './mini-methods'
export type {
  MiniCallbacks,
  MiniCallOptions,
  MiniCommonOptions,
  MiniDownloadOptions,
  MiniHeadersResult,
  MiniRequestOptions,
  MiniUploadOptions,
  MiniFailure,
  MiniLoginApi,
  MiniNetworkApi,
  MiniResult,
  MiniStorageApi,
  MiniTask,
} from './mini-api'
