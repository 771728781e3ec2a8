/**
 * `@header-session/client-sdk`: the platform-free core. Pick a transport and a storage from a
 * platform entry point (`/wx`, `/fetch`, `/alipay`, `/tt`, `/qq`, `/swan`, `/uni`, `/taro`);
 * `toFetch` is in `/to-fetch`.
 */

// Client
export { createClient } from './core/client'
export {
  DEFAULT_CLIENT_OPTIONS,
  DEFAULT_TIMEOUT_MS,
  type ClientOptions,
  type ResolvedClientOptions,
} from './core/options'
export type {
  CallOptions,
  Client,
  ClientHooks,
  ClientResponse,
  DownloadOptions,
  LoginContext,
  LoginFunction,
  Query,
  RequestContext,
  RequestOptions,
  UploadOptions,
} from './core/client-types'
export type { ResponseHeaders } from './core/headers'
export type { SessionChangeEvent, SessionChangeReason } from './core/session-change'

// Building blocks
export { createAbortController, type AbortControllerLike } from './core/abort'
export {
  createCodeLogin,
  DEFAULT_CODE_LOGIN_OPTIONS,
  type CodeLoginOptions,
} from './core/code-login'
export { createMemoryStorage } from './core/memory-storage'
export type {
  AbortSignalLike,
  DownloadTransportRequest,
  HeaderValue,
  HttpMethod,
  HttpTransportRequest,
  MaybePromise,
  PlatformRequestOptions,
  RawHeaders,
  ResponseType,
  Storage,
  Transport,
  TransportRequest,
  TransportResponse,
  UploadTransportRequest,
} from './core/types'

// Errors
export {
  AbortError,
  HeaderNotExposedError,
  HeaderSessionError,
  HttpError,
  LoginError,
  NetworkError,
  OptionsError,
  ProtocolError,
  QueueFullError,
  SessionConflictError,
  SessionExpiredError,
  StorageError,
  TimeoutError,
  type HeaderSessionErrorOptions,
  type NetworkErrorOptions,
  type SessionRejection,
} from './errors/index'
