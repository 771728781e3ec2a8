import { createHash } from 'node:crypto'
import type { StoreWrites } from './writes'

/** A Lua script bound to a store's writes; resolves with the script's reply. */
export type ScriptCommand = (key: string, ...args: (string | number)[]) => Promise<unknown>

/**
 * Run `lua` (on one key) with `EVALSHA`, and with `EVAL` when the server answers `NOSCRIPT` (it
 * does not have the script yet: a new server, a restart, a failover, `SCRIPT FLUSH`); `EVAL`
 * caches it there for the next calls. Plain commands, not ioredis's `defineCommand`: a defined
 * command costs a wrapper promise per call, and ioredis copies every defined command onto each
 * pipeline it builds, which with auto-pipelining is one per tick of the event loop. Every script
 * of the store writes, so both go through `writes` (with a `WAIT` each when replicated: the
 * `EVAL` after a `NOSCRIPT` is the write, and needs its own).
 */
export function defineScript(writes: StoreWrites, lua: string): ScriptCommand {
  const sha = createHash('sha1').update(lua).digest('hex')
  return async (key, ...args) => {
    try {
      return await writes.send('evalsha', [sha, 1, key, ...args])
    } catch (error) {
      if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error
      return writes.send('eval', [lua, 1, key, ...args])
    }
  }
}
