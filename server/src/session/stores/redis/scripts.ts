import type { Cluster, Redis } from 'ioredis'

/** A Lua script defined on the client; resolves with the script's reply. */
export type ScriptCommand = (...args: (string | number)[]) => Promise<unknown>

/**
 * Define `lua` on the client as command `name` with `ioredis`'s `defineCommand`: it is sent
 * with EVALSHA, and with EVAL the first time on each connection or after a NOSCRIPT.
 */
export function defineScript(
  client: Redis | Cluster,
  name: string,
  lua: string,
  numberOfKeys: number,
): ScriptCommand {
  client.defineCommand(name, { lua, numberOfKeys })
  const command = (client as unknown as Record<string, ScriptCommand>)[name]
  if (typeof command !== 'function') throw new Error(`ioredis did not define the command ${name}`)
  return command.bind(client)
}
