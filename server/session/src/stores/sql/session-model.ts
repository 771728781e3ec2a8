import type { Knex } from 'knex'
import { Model } from 'objection'
import { SessionRecordCorruptError } from '../../errors'
import type { SessionData, SessionRecord } from '../../types'

/**
 * One row of the sessions table, as the driver returns it. Column names are kept as they are
 * in the table (snake_case) so that queries and rows read the same.
 */
export class SessionRow extends Model {
  declare id: string
  /** The session data as compact JSON text: kept byte-exact, never a json/jsonb column. */
  declare data: string
  declare user_id: string | null
  declare device: string | null
  // Epoch milliseconds. node-postgres returns BIGINT as a string, the other drivers a number.
  declare created_at: number | string
  declare last_seen_at: number | string
  declare idle_expires_at: number | string
  declare absolute_expires_at: number | string
  declare version: number | string
}

/** The columns of a row as the driver returns them, without the model (plain Knex). */
export type SessionColumns = Pick<
  SessionRow,
  | 'id'
  | 'data'
  | 'user_id'
  | 'device'
  | 'created_at'
  | 'last_seen_at'
  | 'idle_expires_at'
  | 'absolute_expires_at'
  | 'version'
>

/** The model class bound to one table and one Knex instance. */
export type SessionModel = typeof SessionRow

/**
 * A subclass of `SessionRow` for `tableName`, bound to `knex`: each store gets its own, so
 * several stores (and parallel tests) can use different tables in the same process.
 */
export function bindSessionModel(knex: Knex, tableName: string): SessionModel {
  class BoundSessionRow extends SessionRow {
    static override tableName = tableName
  }
  return BoundSessionRow.bindKnex(knex)
}

/** The columns of a record, ready to insert (`dataJson`: its data, if already encoded). */
export function toRow(id: string, record: SessionRecord, dataJson?: string): SessionColumns {
  return {
    id,
    data: dataJson ?? JSON.stringify(record.data),
    user_id: record.userId,
    device: record.device,
    created_at: record.createdAt,
    last_seen_at: record.lastSeenAt,
    idle_expires_at: record.idleExpiresAt,
    absolute_expires_at: record.absoluteExpiresAt,
    version: record.version,
  }
}

/** Decode a row. Throws `SessionRecordCorruptError` when it cannot be read back as a record. */
export function toRecord(row: SessionColumns): SessionRecord {
  return {
    data: decodeData(row.data),
    userId: row.user_id ?? null,
    device: row.device ?? null,
    createdAt: toInteger(row.created_at, 'created_at'),
    lastSeenAt: toInteger(row.last_seen_at, 'last_seen_at'),
    idleExpiresAt: toInteger(row.idle_expires_at, 'idle_expires_at'),
    absoluteExpiresAt: toInteger(row.absolute_expires_at, 'absolute_expires_at'),
    version: toInteger(row.version, 'version'),
  }
}

function decodeData(text: unknown): SessionData {
  if (typeof text !== 'string') throw new SessionRecordCorruptError('data is not text')
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    throw new SessionRecordCorruptError('data is not JSON', { cause: error })
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new SessionRecordCorruptError('data is not a JSON object')
  }
  return value as SessionData
}

function toInteger(value: unknown, column: string): number {
  const number = typeof value === 'string' ? Number(value) : value
  if (typeof number !== 'number' || !Number.isSafeInteger(number)) {
    throw new SessionRecordCorruptError(`${column} is not an integer`)
  }
  return number
}
