/**
 * `@header-session/client-sdk/to-fetch`: a `fetch`-compatible function on top of any client, for
 * axios, ky or ofetch. Its own entry point, so that apps that do not use it do not ship it (the
 * WeChat npm build does not tree-shake).
 */
export {
  FetchHeaders,
  toFetch,
  type FetchCompatible,
  type FetchCompatibleInit,
  type FetchCompatibleResponse,
  type HeadersInitLike,
  type RequestLike,
  type ToFetchOptions,
} from './to-fetch'
