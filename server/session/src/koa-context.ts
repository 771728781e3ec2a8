import type { Session } from './session'

declare module 'koa' {
  interface DefaultContext {
    /** The request's session, set by `createSessionMiddleware`. */
    session: Session
  }
}
