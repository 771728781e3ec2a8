import { SessionRecordCorruptError } from '../../errors'
import type { JsonObject, SessionRecord } from '../../types'

/**
 * One row of the sessions table, as the driver returns it. Column names are kept as they are
 * in the table (snake_case) so that queries and rows read the same.
 */
export interface SessionColumns {
  id: string
  /** The session data as compact JSON text: kept byte-exact, never a json/jsonb column. */
  data: string
  user_id: string | null
  device: string | null
  // Epoch milliseconds. node-postgres returns BIGINT as a string, the other drivers a number.
  created_at: number | string
  last_seen_at: number | string
  idle_expires_at: number | string
  absolute_expires_at: number | string
  version: number | string
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

function decodeData(text: unknown): JsonObject {
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
  return value as JsonObject
}

function toInteger(value: unknown, column: string): number {
  const number = typeof value === 'string' ? Number(value) : value
  if (typeof number !== 'number' || !Number.isSafeInteger(number)) {
    throw new SessionRecordCorruptError(`${column} is not an integer`)
  }
  return number
}
