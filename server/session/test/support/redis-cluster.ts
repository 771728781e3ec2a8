import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { freePorts, rawCommand, startRedisServer, waitFor, type RedisServer } from './redis-server'

const run = promisify(execFile)

/** A Redis Cluster on 127.0.0.1, started by a test. */
export interface RedisCluster {
  /** Every node, masters and replicas, in the order `redis-cli --cluster create` was given them. */
  readonly nodes: readonly RedisServer[]
  /** `{ host, port }` of every node, for ioredis `new Cluster(cluster.startupNodes)`. */
  readonly startupNodes: readonly { host: string; port: number }[]
  /** Stop every node and delete their dirs. Safe to call twice. */
  stop(): Promise<void>
}

/** Options of `startRedisCluster`. */
export interface RedisClusterOptions {
  /** Number of masters. Default 3, the least `redis-cli --cluster create` takes. */
  masters?: number
  /** Replicas per master. Default 0. */
  replicas?: number
  /** `cluster-node-timeout`: how long a silent master takes to be failed over. Default 5000. */
  nodeTimeoutMs?: number
  /** Extra `redis-server` arguments for every node. */
  args?: readonly string[]
  /** How long to wait for `cluster_state:ok` on every node. Default 20 000 ms. */
  readyTimeoutMs?: number
}

/**
 * Start `masters × (1 + replicas)` `redis-server` processes in cluster mode (each on a free port,
 * in its own temp dir), join them with `redis-cli --cluster create`, and resolve once every node
 * reports `cluster_state:ok` and every replica is in sync. On failure, whatever was started is
 * stopped before the error is thrown.
 */
export async function startRedisCluster(options: RedisClusterOptions = {}): Promise<RedisCluster> {
  const nodes: RedisServer[] = []
  const stop = async (): Promise<void> => {
    await Promise.all(nodes.map((node) => node.remove()))
  }
  try {
    const args = ['--cluster-enabled', 'yes', '--cluster-config-file', 'nodes.conf']
    args.push('--cluster-node-timeout', String(options.nodeTimeoutMs ?? 5_000))
    args.push(...(options.args ?? []))
    const replicas = options.replicas ?? 0
    // The bus port defaults to port + 10 000, which may be taken or past 65 535: pick it too.
    const ports = await freePorts(2 * (options.masters ?? 3) * (1 + replicas))
    const started = await Promise.allSettled(
      Array.from({ length: ports.length / 2 }, (_, i) =>
        startRedisServer({
          port: ports[2 * i],
          args: [...args, '--cluster-port', String(ports[2 * i + 1])],
        }),
      ),
    )
    for (const result of started) if (result.status === 'fulfilled') nodes.push(result.value)
    const failed = started.find((result) => result.status === 'rejected')
    if (failed) throw failed.reason
    const addresses = nodes.map((node) => `127.0.0.1:${node.port}`)
    await run('redis-cli', [
      '--cluster',
      'create',
      ...addresses,
      '--cluster-replicas',
      String(replicas),
      '--cluster-yes',
    ])
    await waitFor(
      'cluster_state:ok on every node',
      async () => {
        const infos = await Promise.all(nodes.map((node) => rawCommand(node.port, 'CLUSTER INFO')))
        if (!infos.every((info) => info.includes('cluster_state:ok'))) return false
        const replication = await Promise.all(
          nodes.map((node) => rawCommand(node.port, 'INFO replication')),
        )
        const synced = replication.filter((info) => info.includes('master_link_status:up'))
        if (synced.length !== nodes.length - nodes.length / (1 + replicas)) return false
        // And each master counts its replicas online: a WAIT on it is answered by them.
        const masters = replication.filter((info) => info.includes('role:master'))
        return masters.every(
          (info) => (info.match(/^slave\d+:.*state=online/gm) ?? []).length === replicas,
        )
      },
      options.readyTimeoutMs ?? 20_000,
    )
  } catch (error) {
    await stop()
    throw error
  }
  return {
    nodes,
    startupNodes: nodes.map((node) => ({ host: '127.0.0.1', port: node.port })),
    stop,
  }
}
