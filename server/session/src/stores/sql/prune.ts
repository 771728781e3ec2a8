import type { Knex } from 'knex'
import { SessionOptionsError } from '../../errors'
import { checkBatchSize } from './options'
import type { OnLockConnection } from './prune-lock'

/** Options of `SqlSessionStore.prune`. */
export interface PruneOptions {
  /** Most rows one `DELETE` removes. Default: the store's `pruneBatchSize`. */
  batchSize?: number
}

/** Anything that prunes: the SQL store, or a store with the same method. */
export interface Prunable {
  prune(options?: PruneOptions): Promise<number>
}

/**
 * Delete the rows whose idle or absolute expiry is at or before `cutoff`, `batchSize` rows per
 * statement, so no statement holds many row locks or runs long. Returns how many were deleted.
 * The batch is picked in a derived table: MySQL refuses `LIMIT` in an `IN (...)` subquery and
 * a subquery reading the table being deleted from.
 */
export async function deleteExpired(
  knex: Knex,
  tableName: string,
  cutoff: number,
  batchSize: number,
  pin: OnLockConnection,
): Promise<number> {
  let total = 0
  for (;;) {
    const batch = knex(tableName)
      .select('id')
      .where('idle_expires_at', '<=', cutoff)
      .orWhere('absolute_expires_at', '<=', cutoff)
      .limit(batchSize)
      .as('batch')
    const deleted = await pin(knex(tableName).whereIn('id', knex.select('id').from(batch)).del())
    total += deleted
    if (deleted < batchSize) return total
  }
}

/** Options of `startPruning`. */
export interface PruningOptions {
  /** Time between two prunes, in milliseconds. */
  intervalMs: number
  /** Passed to `prune()`. Default: the store's own. */
  batchSize?: number
  /** Told about a failed prune. Default: `process.emitWarning`. The interval keeps running. */
  onError?: (error: unknown) => void
}

/** A running pruning schedule. */
export interface Pruning {
  /** Stop the schedule; resolves when a prune in progress has finished. */
  stop(): Promise<void>
}

/**
 * Prune `store` every `intervalMs`. The timer is `unref`'d (it never keeps the process alive)
 * and a tick is skipped while the previous prune still runs. The app starts it, and stops it
 * before destroying its Knex instance: the store never starts one on its own.
 *
 * @throws SessionOptionsError for an `intervalMs` that is not an integer from 1 to 2^31 - 1, a
 *   bad `batchSize` or `onError`.
 * @example
 * const pruning = startPruning(store, { intervalMs: 15 * 60_000 })
 * // at shutdown
 * await pruning.stop()
 * await knex.destroy()
 */
export function startPruning(store: Prunable, options: PruningOptions): Pruning {
  const { intervalMs, batchSize } = options
  if (!Number.isInteger(intervalMs) || intervalMs < 1 || intervalMs > 2 ** 31 - 1) {
    throw new SessionOptionsError('intervalMs', intervalMs, 'an integer from 1 to 2147483647')
  }
  if (batchSize !== undefined) checkBatchSize('batchSize', batchSize)
  const onError = options.onError ?? warn
  if (typeof onError !== 'function') throw new SessionOptionsError('onError', onError, 'a function')
  let running: Promise<void> | null = null
  const tick = async (): Promise<void> => {
    try {
      await store.prune(batchSize === undefined ? {} : { batchSize })
    } catch (error) {
      try {
        onError(error)
      } catch {
        // A failing error handler must not become an unhandled rejection.
      }
    }
  }
  const timer = setInterval(() => {
    running ??= tick().finally(() => {
      running = null
    })
  }, intervalMs)
  timer.unref()
  return {
    async stop() {
      clearInterval(timer)
      await running
    },
  }
}

function warn(error: unknown): void {
  const reason = error instanceof Error ? error.message : String(error)
  process.emitWarning(`Pruning expired sessions failed: ${reason}`, 'HeaderSessionWarning')
}
