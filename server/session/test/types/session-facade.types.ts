/*
 * `ctx.session` as a user's TypeScript sees it through the published declarations: only the
 * documented members, no way to the raw id, and none of the library's internals exported.
 * Each `@ts-expect-error` line must fail to compile; `tsc -b` fails if one compiles.
 */
import Koa from 'koa'
import * as library from '@header-session/koa'
import { createMemoryStore, createSessionMiddleware, type Session } from '@header-session/koa'

const app = new Koa()
const sessions = createSessionMiddleware({ store: createMemoryStore() })
app.use(sessions)

app.use(async (ctx) => {
  const session: Session = ctx.session
  // The documented members.
  const documented = [
    session.data,
    session.isNew,
    session.handle,
    session.userId,
    session.device,
    session.createdAt,
    session.dropped,
  ]
  session.get('anything')
  session.set('anything', 1)
  session.delete(['a', 'b'])
  session.setUser('u-1', { device: 'phone' })
  session.clearUser()
  session.regenerate()
  session.destroy()
  await session.save()

  // @ts-expect-error the id is the token when tokens are unsigned: never on the facade
  void session.id
  // @ts-expect-error the stored record (it holds no id, but it is the engine's)
  void session.record
  // @ts-expect-error the local view is the engine's
  void session.view
  // @ts-expect-error the pending changes are the engine's
  void session.pending
  // @ts-expect-error settling after a commit is the engine's
  session.settle(null, null)
  // @ts-expect-error ctx.session is read-only: end a session with destroy()
  ctx.session = session

  ctx.body = documented
})

// The admin lists handles, never ids.
async function listed(): Promise<string[]> {
  const live = await sessions.admin.list('u-1', { current: null })
  // @ts-expect-error a listed session has no id
  void live[0]?.id
  return live.map((s) => s.handle)
}
void listed

// Nothing internal is exported.
// @ts-expect-error the Session class stays inside: `Session` is an interface (a type only)
void library.Session
// @ts-expect-error internal
void library.RequestSession
// @ts-expect-error internal: the admin names sessions by handle
void library.sessionHandle
// @ts-expect-error internal
void library.newSessionId
// @ts-expect-error internal
void library.tokenFor
// @ts-expect-error internal
void library.MAX_TOKEN_LENGTH
// @ts-expect-error internal
void library.createStoreGuard

// What logs and store authors need is public.
void library.applyOperations
void library.tokenHint
void library.withoutIds
