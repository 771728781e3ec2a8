/**
 * koa 2 (the `koa2` alias among the devDependencies) ships no types; its API is the one
 * `@types/koa` describes, which the compatibility tests use for it.
 */
declare module 'koa2' {
  import Koa from 'koa'
  export default Koa
}
