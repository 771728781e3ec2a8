import { randomUUID } from 'node:crypto'
import { Model } from 'objection'
import { maskPhone } from './mask-phone'

/** One row of `users`: a WeChat user, keyed by openid. Times are epoch milliseconds. */
export class User extends Model {
  static override tableName = 'users'
  declare id: string
  declare openid: string
  declare unionid: string | null
  /** The phone number WeChat gave (`purePhoneNumber`, no country code), or null. */
  declare phone: string | null
  /** Its country calling code (`'86'`), or null. */
  declare phone_country_code: string | null
  // node-postgres returns BIGINT as a string, the other drivers a number.
  declare created_at: number | string
  declare last_login_at: number | string
}

/** What clients see of a user (never the openid, unionid, session_key or whole phone number). */
export interface PublicUser {
  id: string
  createdAt: string
  /** The phone number masked (`138****8000`, see `maskPhone`), or null before `POST /me/phone`. */
  phone: string | null
}

/** The public view of a user. */
export function toPublicUser(user: User): PublicUser {
  const phone =
    typeof user.phone === 'string' && user.phone !== ''
      ? maskPhone(user.phone, user.phone_country_code ?? '86')
      : null
  return { id: user.id, createdAt: new Date(Number(user.created_at)).toISOString(), phone }
}

/**
 * Find or create the user of an openid, safely when two logins of one user race: the insert
 * ignores a conflict on the unique openid, then the row is read back.
 */
export async function upsertUser(
  Users: typeof User,
  identity: { openid: string; unionid: string | null },
  now: number,
): Promise<User> {
  const knex = Users.knex()
  await knex(Users.tableName)
    .insert({
      id: randomUUID(),
      openid: identity.openid,
      unionid: identity.unionid,
      created_at: now,
      last_login_at: now,
    })
    .onConflict('openid')
    .ignore()
  const user = await Users.query().findOne({ openid: identity.openid })
  if (!user) throw new Error('The user row vanished right after its upsert')
  if (Number(user.last_login_at) !== now) {
    await Users.query()
      .patch({ last_login_at: now, unionid: identity.unionid ?? user.unionid })
      .where({ id: user.id })
  }
  return user
}
