/**
 * `@header-session/client-sdk/fetch`: the browser and Node adapter: a `fetch` transport and
 * storages (memory, `localStorage`, `sessionStorage`, a file).
 */
export { createFetchTransport, type FetchTransportOptions } from './create-fetch-transport'
export {
  createLocalStorage,
  createSessionStorage,
  createWebStorage,
  type WebStorageLike,
} from './web-storage'
export { createFileStorage, type FileSystemLike } from './file-storage'
export { createMemoryStorage } from '../core/memory-storage'
export type {
  FetchHeadersLike,
  FetchInitLike,
  FetchLike,
  FetchPlatformOptions,
  FetchResponseLike,
  FormDataLike,
} from './fetch-types'
