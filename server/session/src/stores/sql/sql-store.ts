import { applyOperations, dataBytes } from '../../operations'
import type {
  CommitResult,
  SessionCommit,
  SessionRecord,
  SessionStore,
  UserSession,
} from '../../types'
import type { SqlDialect } from './dialect'
import { checkBatchSize, resolveSqlStoreOptions, type SqlStoreOptions } from './options'
import { deleteExpired, type PruneOptions } from './prune'
import { createPreparedStatements } from './prepared-statements'
import { createPruneLock } from './prune-lock'
import { toRecord, toRow, type SessionColumns } from './session-row'

/** A `SessionStore` kept in a SQL table, plus the deletion of expired rows. */
export interface SqlSessionStore extends SessionStore {
  readonly kind: `sql:${SqlDialect}`
  /** The sessions table. */
  readonly tableName: string
  /**
   * Delete the expired rows (idle or absolute expiry at or before `now()`), in batches. Only one
   * process prunes a table at a time: a prune that cannot get the lock resolves 0 at once.
   * Resolves the number of rows deleted. Run it with `startPruning`.
   */
  prune(options?: PruneOptions): Promise<number>
}

/**
 * A session store in a SQL table (sqlite3, PostgreSQL, MySQL/MariaDB) through an injected Knex
 * instance. Create the table first with `migrateSessions`. Expiry is judged by the middleware
 * from the record's times; expired rows stay until `prune()` deletes them. `get`, `create` and
 * a commit whose row is still at the loaded version (`SessionCommit.base`) are one statement
 * each, prepared once per connection on sqlite3 and node-postgres (plain Knex on MySQL); other
 * commits read and update the row in a transaction.
 *
 * @throws SessionOptionsError naming the option that is missing or invalid.
 * @example
 * const knex = Knex(sqliteKnexConfig('data/sessions.sqlite'))
 * await migrateSessions(knex, { tableName: 'header_sessions' })
 * const store = createSqlStore({ knex })
 * const pruning = startPruning(store, { intervalMs: 15 * 60_000 })
 */
export function createSqlStore(options: SqlStoreOptions): SqlSessionStore {
  const { knex, dialect, tableName, pruneBatchSize, now } = resolveSqlStoreOptions(options)
  const pruneLock = createPruneLock(knex, dialect, tableName)
  const serialize = dialect === 'sqlite' ? createQueue() : <T>(task: () => Promise<T>) => task()
  const prepared = createPreparedStatements(knex, dialect, tableName)

  /**
   * The locking path: a commit without `base`, or whose row moved on since the caller loaded it.
   * PostgreSQL and MySQL lock the row with `SELECT ... FOR UPDATE`. sqlite has no row locks, and
   * Knex opens sqlite transactions with a deferred `BEGIN`: a transaction that reads first and
   * writes later fails with SQLITE_BUSY (busy_timeout does not help) when another connection
   * wrote in between. So on sqlite (1) commits of this store run one at a time through a queue,
   * which costs nothing since one sqlite connection serializes them anyway, and keeps them off
   * the pool when it has more than one connection; and (2) each transaction starts with a no-op
   * UPDATE that takes the write lock before the read (what `BEGIN IMMEDIATE` would do), so a
   * writer in another process makes it wait for busy_timeout instead of failing.
   */
  async function commitNow(id: string, commit: SessionCommit): Promise<CommitResult> {
    return knex.transaction<CommitResult>(async (trx) => {
      if (dialect === 'sqlite') {
        await trx(tableName)
          .where('id', id)
          .update({ version: trx.ref('version') })
      }
      const select = trx<SessionColumns>(tableName).where('id', id)
      const row = await (dialect === 'sqlite' ? select : select.forUpdate()).first()
      if (!row) return { status: 'missing' }
      const record = toRecord(row)
      const data = applyOperations(record.data, commit.operations)
      const bytes = dataBytes(data)
      if (bytes > commit.maxDataBytes) return { status: 'too-large', bytes }
      const version = record.version + 1
      const { binding } = commit
      await trx(tableName)
        .where('id', id)
        .update({
          data: JSON.stringify(data),
          last_seen_at: commit.lastSeenAt,
          idle_expires_at: commit.idleExpiresAt,
          version,
          ...(binding === undefined
            ? {}
            : { user_id: binding?.userId ?? null, device: binding?.device ?? null }),
        })
      return { status: 'applied', version }
    })
  }

  /**
   * The fast path (`SessionCommit.base`): one `UPDATE … WHERE id = ? AND version = ?`, outside
   * any transaction (one statement is atomic by itself, so it needs no queue on sqlite either).
   * Resolves null when no row was at the loaded version (or the data is over
   * the cap): the caller takes the locking path, which applies the operations to the row as it
   * is then, or reports it missing.
   */
  async function commitFast(id: string, commit: SessionCommit): Promise<CommitResult | null> {
    const { base } = commit
    if (!base) return null
    // Encoded before any await: the caller keeps using the data object.
    const data = JSON.stringify(base.record.data)
    if (Buffer.byteLength(data) > commit.maxDataBytes) return null
    const next = base.record
    const columns = {
      data,
      user_id: next.userId,
      device: next.device,
      last_seen_at: next.lastSeenAt,
      idle_expires_at: next.idleExpiresAt,
      version: next.version,
    }
    const updated = await prepared.updateAtVersion(id, base.version, columns)
    return updated === 1 ? { status: 'applied', version: next.version } : null
  }

  /**
   * Delete a row and return what it held, in one atomic step: `DELETE … RETURNING` on
   * PostgreSQL and sqlite (3.35+); MySQL has no `RETURNING` on `DELETE`, so a transaction that
   * locks the row (`SELECT … FOR UPDATE`) first. sqlite's goes through the commit queue, like
   * every other write that must not interleave with a locking commit.
   */
  async function destroyReturning(id: string): Promise<SessionRecord | null> {
    let rows: SessionColumns[]
    if (dialect === 'mysql') {
      rows = await knex.transaction(async (trx) => {
        const locked = await trx<SessionColumns>(tableName).where('id', id).forUpdate()
        if (locked.length > 0) await trx(tableName).where('id', id).del()
        return locked
      })
    } else if (dialect === 'pg') {
      rows = (await knex(tableName).where('id', id).del().returning('*')) as SessionColumns[]
    } else {
      // Knex's query builder drops `returning` from a sqlite `DELETE`; a raw statement keeps it.
      rows = await serialize(
        () =>
          knex.raw('DELETE FROM ?? WHERE id = ? RETURNING *', [tableName, id]) as Promise<
            SessionColumns[]
          >,
      )
    }
    const row = rows[0]
    if (!row) return null
    try {
      return toRecord(row)
    } catch {
      return null
    }
  }

  return {
    kind: `sql:${dialect}`,
    tableName,
    async get(id) {
      // One SELECT. `ttlMs` is unused: SQL has no native expiry; rows go when `prune()` runs.
      const row = await prepared.select(id)
      return row ? toRecord(row) : null
    },
    async create(id, record, dataJson) {
      try {
        await prepared.insert(toRow(id, record, dataJson))
        return true
      } catch (error) {
        if (isUniqueViolation(error)) return false
        throw error
      }
    },
    async commit(id, commit) {
      return (await commitFast(id, commit)) ?? serialize(() => commitNow(id, commit))
    },
    destroy: (id) => destroyReturning(id),
    async listByUser(userId) {
      const rows = await knex<SessionColumns>(tableName).where('user_id', userId)
      // A row that cannot be decoded is left out rather than failing the whole list: it can
      // never be loaded as a session anyway (get rejects), and prune() deletes it in time.
      return rows.flatMap((row): UserSession[] => {
        try {
          return [{ id: row.id, record: toRecord(row) }]
        } catch {
          return []
        }
      })
    },
    async ping() {
      await knex.raw('select 1')
    },
    async prune(pruneOptions = {}) {
      const batchSize = pruneOptions.batchSize ?? pruneBatchSize
      checkBatchSize('batchSize', batchSize)
      const cutoff = now()
      const deleted = await pruneLock.run((pin) =>
        deleteExpired(knex, tableName, cutoff, batchSize, pin),
      )
      return deleted ?? 0
    },
  }
}

/** Runs tasks one after the other, in call order; a failed task does not stop the next. */
function createQueue(): <T>(task: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve()
  return (task) => {
    const result = tail.then(task)
    tail = result.catch(() => undefined)
    return result
  }
}

/** Whether a driver's error is a duplicate key: PostgreSQL, MySQL/MariaDB or sqlite. */
function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false
  const { code, message } = error as { code?: unknown; message?: unknown }
  if (code === '23505' || code === 'ER_DUP_ENTRY' || code === 'ER_DUP_ENTRY_WITH_KEY_NAME') {
    return true
  }
  return (
    code === 'SQLITE_CONSTRAINT' &&
    typeof message === 'string' &&
    /UNIQUE constraint failed|PRIMARY KEY/.test(message)
  )
}
