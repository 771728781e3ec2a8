/**
 * What the store uses of an ioredis client, as a structural type: an ioredis 5 or 6 `Redis`
 * (standalone or Sentinel) or `Cluster` fits it. ioredis's classes have private members, so
 * TypeScript treats them as nominal: a client from an app's own copy of ioredis 5 is not
 * assignable to ioredis 6's `Redis | Cluster`, though it works the same at run time.
 */
export interface RedisClient {
  readonly isCluster: boolean
  /** `wait`, `connecting`, `connect`, `ready`, `reconnecting`, `close`, `end`, … */
  readonly status: string
  readonly options: { readonly autoPipeliningIgnoredCommands?: readonly string[] | undefined }
  connect(): Promise<void>
  once(event: 'ready' | 'close' | 'end', listener: () => void): unknown
  removeListener(event: 'ready' | 'close' | 'end', listener: () => void): unknown
  call(command: string, ...args: (string | number)[]): Promise<unknown>
  pipeline(): RedisPipeline
  get(key: string): Promise<string | null>
  mget(keys: string[]): Promise<(string | null)[]>
  getdel(key: string): Promise<string | null>
  wait(replicas: number, timeoutMs: number): Promise<number>
  zrange(key: string, start: string, stop: string): Promise<string[]>
  zremrangebyscore(key: string, min: string, max: string): Promise<number>
  zrem(key: string, ...members: string[]): Promise<number>
  ping(): Promise<string>
}

/** What the store uses of an ioredis pipeline (`client.pipeline()`). */
export interface RedisPipeline {
  call(command: string, ...args: (string | number)[]): RedisPipeline
  exists(key: string): RedisPipeline
  wait(replicas: number, timeoutMs: number): RedisPipeline
  exec(): Promise<[error: Error | null, result: unknown][] | null>
}
