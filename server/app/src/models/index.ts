import type { Knex } from 'knex'
import { Note } from './note'
import { User } from './user'

export { User, toPublicUser, upsertUser, type PublicUser } from './user'
export { Note, toPublicNote, type PublicNote } from './note'

/** The models bound to one Knex instance (each app gets its own, so tests can run several). */
export interface Models {
  User: typeof User
  Note: typeof Note
}

/** Bind the models to `knex`. */
export function bindModels(knex: Knex): Models {
  return { User: User.bindKnex(knex), Note: Note.bindKnex(knex) }
}
