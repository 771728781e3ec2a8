import { Model } from 'objection'

/** One row of `notes`: a user's note. Times are epoch milliseconds. */
export class Note extends Model {
  static override tableName = 'notes'
  declare id: number
  declare user_id: string
  declare text: string
  declare created_at: number | string
  declare updated_at: number | string
}

/** What clients see of a note. */
export interface PublicNote {
  id: number
  text: string
  createdAt: string
  updatedAt: string
}

/** The public view of a note. */
export function toPublicNote(note: Note): PublicNote {
  return {
    id: Number(note.id),
    text: note.text,
    createdAt: new Date(Number(note.created_at)).toISOString(),
    updatedAt: new Date(Number(note.updated_at)).toISOString(),
  }
}
