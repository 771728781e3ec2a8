import { NotFoundError } from '../errors'
import { toPublicNote } from '../models'
import { checkUserText } from './content-check'
import { requireLogin } from './require-login'
import type { AppRouter, RouteDeps } from './route-deps'
import { FieldErrors, isText, readBody } from './validate'

const NOTE_ID = /^[1-9][0-9]{0,9}$/
const MAX_ID = 2_147_483_647 // the column is a 32-bit integer on every engine

/** The note id of a path, or 404 for anything that cannot be one. */
function noteId(value: string | undefined): number {
  const id = NOTE_ID.test(value ?? '') ? Number(value) : 0
  if (id < 1 || id > MAX_ID) throw new NotFoundError('note')
  return id
}

function noteText(body: Record<string, unknown>): string {
  const errors = new FieldErrors()
  if (!isText(body.text, 1, 2000)) errors.add('text', 'expected a string of 1 to 2000 characters')
  errors.throwIfAny()
  return body.text as string
}

/**
 * The logged-in user's notes: `GET /notes`, `POST /notes` `{ text }`, `PATCH /notes/:id`
 * `{ text }`, `DELETE /notes/:id`. Every query is scoped by the user, so another user's note
 * answers 404 exactly like a missing one. A text is checked by WeChat before it is stored
 * (`checkUserText`): `risky` is 422 `CONTENT_REJECTED`, WeChat unavailable 503
 * `CONTENT_CHECK_UNAVAILABLE` unless `contentCheck.whenUnavailable` is `'store'`.
 */
export function registerNoteRoutes(router: AppRouter, deps: RouteDeps): void {
  const { Note } = deps.models

  router.get('/notes', async (ctx) => {
    const userId = requireLogin(ctx)
    const notes = await Note.query().where({ user_id: userId }).orderBy('id')
    ctx.body = { notes: notes.map(toPublicNote) }
  })

  router.post('/notes', async (ctx) => {
    const userId = requireLogin(ctx)
    const text = noteText(readBody(ctx))
    await checkUserText(ctx, deps, userId, 'text', text)
    const now = Date.now()
    const note = await Note.query().insert({
      user_id: userId,
      text,
      created_at: now,
      updated_at: now,
    })
    ctx.status = 201
    ctx.body = { note: toPublicNote(note) }
  })

  router.patch('/notes/:id', async (ctx) => {
    const userId = requireLogin(ctx)
    const id = noteId(ctx.params.id)
    const text = noteText(readBody(ctx))
    // A note that is not the user's is a 404 before WeChat is asked about its new text.
    if (!(await Note.query().findOne({ id, user_id: userId }))) throw new NotFoundError('note')
    await checkUserText(ctx, deps, userId, 'text', text)
    const changed = await Note.query()
      .patch({ text, updated_at: Date.now() })
      .where({ id, user_id: userId })
    const note = changed > 0 ? await Note.query().findOne({ id, user_id: userId }) : undefined
    if (!note) throw new NotFoundError('note')
    ctx.body = { note: toPublicNote(note) }
  })

  router.delete('/notes/:id', async (ctx) => {
    const userId = requireLogin(ctx)
    const id = noteId(ctx.params.id)
    const deleted = await Note.query().delete().where({ id, user_id: userId })
    if (deleted === 0) throw new NotFoundError('note')
    ctx.status = 204
  })
}
