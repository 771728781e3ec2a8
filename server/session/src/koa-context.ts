import type { Session } from './session-api'

declare module 'koa' {
  interface DefaultContext {
    /**
     * The request's session, set by `createSessionMiddleware`. Read-only: end a session with
     * `ctx.session.destroy()`, clear its data with `ctx.session.data = {}`.
     */
    readonly session: Session
  }
}
