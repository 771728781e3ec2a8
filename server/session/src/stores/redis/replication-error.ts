import { HeaderSessionError } from '../../errors'

/**
 * A write reached the Redis primary but fewer replicas than required acknowledged it within the
 * time allowed (`durability: 'replicated'`). The write may still be kept, and may still be lost
 * at a failover: the store cannot say which, so the request fails (503, outcome `unknown`).
 */
export class RedisReplicationError extends HeaderSessionError {
  override readonly name = 'RedisReplicationError'
  override readonly code = 'SESSION_STORE_NOT_REPLICATED'
  override readonly status = 503

  constructor(
    /** Replicas that acknowledged the write (WAIT's reply). */
    readonly acknowledged: number,
    /** Replicas required (`replicas`). */
    readonly required: number,
    /** How long the primary waited for them (`replicationTimeoutMs`). */
    readonly timeoutMs: number,
  ) {
    super(
      `${acknowledged} of ${required} Redis replicas acknowledged the write within ${timeoutMs} ms`,
    )
  }
}
