import { SessionRecordCorruptError } from '../../errors'
import type { JsonObject, SessionRecord } from '../../types'

/**
 * A record is stored as `<metaJSON>\n<dataJSON>`. `JSON.stringify` never emits a raw newline,
 * so the first one splits the two. The commit script rewrites the meta and edits the data as
 * raw text, so both halves must stay in exactly the shape `encodeRecord` gives them: compact
 * JSON, meta members in this order.
 */
type Meta = Omit<SessionRecord, 'data'>

/*
 * The stored meta is `Meta` plus `plainStrings`: true when no string in the data (key or value)
 * holds a bracket, so the commit script may skip containers by matching brackets. It is
 * internal: `decodeRecord` drops it, and the script only ever turns it off, except when it
 * replaces the whole data.
 */

const JSON_STRING = /"(?:[^"\\]|\\.)*"/g
const BRACKET = /[{}[\]]/

/** Whether no string in these JSON texts holds a bracket. */
export function plainStrings(...texts: string[]): boolean {
  return texts.every((text) => {
    // Most session data holds no bracket but its outer braces: nothing to look into then.
    if (!BRACKET.test(text.slice(1, -1))) return true
    for (const [string] of text.matchAll(JSON_STRING)) if (BRACKET.test(string)) return false
    return true
  })
}

const TIMES = ['version', 'createdAt', 'lastSeenAt', 'idleExpiresAt', 'absoluteExpiresAt'] as const

/** The stored text of a record (`dataJson`: its data, if already encoded as compact JSON). */
export function encodeRecord(record: SessionRecord, dataJson?: string): string {
  return encodeRecordWith(record, dataJson ?? JSON.stringify(record.data))
}

/** The stored text of a record whose data is already encoded as `data` (compact JSON). */
export function encodeRecordWith(record: SessionRecord, data: string): string {
  // The meta's JSON, built by hand (this runs on every write): what `JSON.stringify` gives for
  // the stored meta with its members in this order; the times are safe integers.
  const { userId, device } = record
  return (
    `{"version":${record.version},` +
    `"userId":${userId === null ? 'null' : JSON.stringify(userId)},` +
    `"device":${device === null ? 'null' : JSON.stringify(device)},` +
    `"createdAt":${record.createdAt},"lastSeenAt":${record.lastSeenAt},` +
    `"idleExpiresAt":${record.idleExpiresAt},"absoluteExpiresAt":${record.absoluteExpiresAt},` +
    `"plainStrings":${plainStrings(data)}}\n${data}`
  )
}

/**
 * How the stored text of a record at `version` starts: the meta's first member, with the comma
 * that ends the number (`encodeRecord` and the commit script both write `version` first).
 */
export function versionPrefix(version: number): string {
  return `{"version":${version},`
}

/** Decode stored text. Throws `SessionRecordCorruptError` when it is not a valid record. */
export function decodeRecord(raw: string): SessionRecord {
  const cut = raw.indexOf('\n')
  if (cut < 0) throw new SessionRecordCorruptError('no separator between meta and data')
  const m = decodeMeta(raw.slice(0, cut))
  const data = parse(raw.slice(cut + 1), 'data')
  if (!isPlainObject(data)) throw new SessionRecordCorruptError('the data is not an object')
  // Built in one object (this runs on every load): the meta's members, without `plainStrings`.
  return {
    data: data as JsonObject,
    userId: m.userId,
    device: m.device,
    createdAt: m.createdAt,
    lastSeenAt: m.lastSeenAt,
    idleExpiresAt: m.idleExpiresAt,
    absoluteExpiresAt: m.absoluteExpiresAt,
    version: m.version,
  }
}

/** The user a stored record is bound to, or `null` when it is not or cannot be read. */
export function decodeUserId(raw: string): string | null {
  try {
    return decodeMeta(raw.slice(0, raw.indexOf('\n'))).userId
  } catch {
    return null
  }
}

/** The parsed meta, checked (it still holds `plainStrings`: copy the members out of it). */
function decodeMeta(text: string): Meta {
  const meta = parse(text, 'meta')
  if (!isPlainObject(meta)) throw new SessionRecordCorruptError('the meta is not an object')
  for (const name of TIMES) {
    if (!Number.isSafeInteger(meta[name])) throw new SessionRecordCorruptError(`bad ${name}`)
  }
  for (const name of ['userId', 'device'] as const) {
    if (meta[name] !== null && typeof meta[name] !== 'string') {
      throw new SessionRecordCorruptError(`bad ${name}`)
    }
  }
  return meta as unknown as Meta
}

function parse(text: string, part: string): unknown {
  try {
    return JSON.parse(text) as unknown
  } catch (cause) {
    throw new SessionRecordCorruptError(`the ${part} is not JSON`, { cause })
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
