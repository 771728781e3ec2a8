import { RedisReplicationError } from './replication-error'
import type { ResolvedRedisStoreOptions } from './store-options'

/** A Redis command's arguments, as ioredis's `call` takes them. */
export type CommandArgs = readonly (string | number)[]

/** How a store sends what it writes, per its `durability`. */
export interface StoreWrites {
  /**
   * Send one write command and resolve with its reply. With `'replicated'`, a `WAIT` goes right
   * behind it on the same connection, and the write rejects with `RedisReplicationError` when
   * fewer than `replicas` replicas acknowledged it.
   */
  send(command: string, args: CommandArgs): Promise<unknown>
  /**
   * With `'replicated'`, wait until `replicas` replicas hold the writes already made on the
   * connection to the node that serves `key` (for a write sent straight to the client);
   * with `'async'`, nothing.
   */
  confirm(key: string): Promise<void>
}

type PipelineReply = [error: Error | null, result: unknown]

/** The write path of a store with these options. */
export function createStoreWrites(
  options: Pick<
    ResolvedRedisStoreOptions,
    'client' | 'durability' | 'replicas' | 'replicationTimeoutMs'
  >,
): StoreWrites {
  const { client, replicas, replicationTimeoutMs } = options
  if (options.durability === 'async') {
    return {
      send: (command, args) => client.call(command, ...args),
      confirm: async () => {},
    }
  }

  function check(reply: PipelineReply | undefined): void {
    if (!reply) throw new Error('Redis answered a pipeline without its WAIT')
    // ioredis gives each command of a pipeline as [error, result].
    const [error, result] = reply
    if (error) throw error
    const acknowledged = Number(result)
    if (!(acknowledged >= replicas)) {
      throw new RedisReplicationError(acknowledged, replicas, replicationTimeoutMs)
    }
  }

  /** On a Cluster, and wherever two commands might take different paths: one pipeline. */
  async function sendInPipeline(command: string, args: CommandArgs): Promise<unknown> {
    // On a Cluster, ioredis sends a pipeline to the master of the slot of its commands' keys
    // (WAIT has none and goes with the write: `Pipeline.exec` in ioredis, luin/ioredis#416).
    const replies = await client
      .pipeline()
      .call(command, ...args)
      .wait(replicas, replicationTimeoutMs)
      .exec()
    const [write, wait] = replies ?? []
    if (!write) throw new Error('Redis answered a pipeline without its write')
    const [writeError, writeResult] = write
    if (writeError) throw writeError
    check(wait)
    return writeResult
  }

  /**
   * On one connection: the two commands, issued in the same tick, take the same path in this
   * order (the same auto-pipeline, or the socket), and share the round trip with whatever else
   * goes then, without a pipeline object of their own.
   */
  async function sendInTurn(command: string, args: CommandArgs): Promise<unknown> {
    const written = client.call(command, ...args)
    const waited = client.wait(replicas, replicationTimeoutMs).then(
      (acknowledged): PipelineReply => [null, acknowledged],
      (error: Error): PipelineReply => [error, null],
    )
    const reply = await written
    check(await waited)
    return reply
  }

  // A command that auto-pipelining ignores is written at once, ahead of the auto-pipeline.
  const oneConnection =
    !client.isCluster && (client.options.autoPipeliningIgnoredCommands ?? []).length === 0

  return {
    // WAIT counts only the writes of its own connection (https://redis.io/commands/wait), so
    // each write is followed by its WAIT on the connection that carries it.
    send: oneConnection ? sendInTurn : sendInPipeline,

    async confirm(key) {
      if (!client.isCluster) {
        check([null, await client.wait(replicas, replicationTimeoutMs)])
        return
      }
      // A keyless WAIT would go to any node: EXISTS (read-only, O(1)) takes it to `key`'s master.
      const replies = await client
        .pipeline()
        .exists(key)
        .wait(replicas, replicationTimeoutMs)
        .exec()
      const [, wait] = replies ?? []
      check(wait)
    },
  }
}
