/*
 * The same declaration merging from an ES module under nodenext, which reads the package's
 * `import` declarations (`index.d.mts`): a field declared here types `ctx.session` too.
 */
import Koa from 'koa'
import { createMemoryStore, createSessionMiddleware } from '@header-session/koa'

declare module '@header-session/koa' {
  interface SessionData {
    theme?: 'light' | 'dark'
  }
}

const app = new Koa()
app.use(createSessionMiddleware({ store: createMemoryStore() }))
app.use((ctx) => {
  const theme: 'light' | 'dark' | undefined = ctx.session.get('theme')
  ctx.session.data.theme = 'dark'
  // @ts-expect-error not a theme
  ctx.session.data.theme = 'blue'
  // @ts-expect-error not a theme
  ctx.session.set('theme', 'blue')
  // @ts-expect-error the id is not on the facade from ESM either
  void ctx.session.id
  ctx.body = { theme }
})
