import { RedisReplicationError } from '@header-session/koa/redis'
import type { OpenStore } from '../src/open-store'
import { listen, type TestServer } from '../../session/test/support/http'
import { startRedisCluster, type RedisCluster } from '../../session/test/support/redis-cluster'
import { openRedisAsTheServerDoes } from './support/redis-open'
import { rawCommand, waitFor, type RedisServer } from '../../session/test/support/redis-server'
import { acknowledged, lostWrites, outageAfter, startWriteLoad } from './support/redis-write-load'
import { describeWith } from '../../session/test/support/services'
import { newRecord } from '../../session/test/support/store-contract'
import { createSessionTestApp } from '../../session/test/support/session-app'

const role = async (node: RedisServer): Promise<string> =>
  /role:(\w+)/.exec(await rawCommand(node.port, 'INFO replication'))?.[1] ?? 'down'

/**
 * Issue 12: a Cluster master killed under write load just after its replica lost its link. The
 * replica takes over after the node timeout; with `REDIS_DURABILITY=replicated` every write
 * answered 200 was on it (with `async`, the writes of the master's last 300 ms are lost).
 */
describeWith('redis')('a Redis Cluster master killed under write load', () => {
  let cluster: RedisCluster
  let opened: OpenStore
  let server: TestServer
  beforeAll(async () => {
    cluster = await startRedisCluster({ replicas: 1, nodeTimeoutMs: 1_000 })
    opened = await openRedisAsTheServerDoes({
      REDIS_CLUSTER_NODES: cluster.startupNodes.map((n) => `${n.host}:${n.port}`).join(','),
      REDIS_DURABILITY: 'replicated',
    })
    server = await listen(createSessionTestApp({ store: opened.store }))
  }, 60_000)
  afterAll(async () => {
    await server?.close()
    await opened?.close()
    await cluster?.stop()
  })

  it("sends each write's WAIT to the master that took the write", async () => {
    const masters: RedisServer[] = []
    for (const node of cluster.nodes) if ((await role(node)) === 'master') masters.push(node)
    await Promise.all(masters.map((n) => rawCommand(n.port, 'CONFIG RESETSTAT')))
    // On a starved machine a replica has been seen to miss the store's 500 ms now and then:
    // such a write is tried again under a new id (its WAIT went out all the same, and counts).
    let slowReplicas = 0
    for (let n = 0; n < 30; n++) {
      for (let attempt = 0; ; attempt++) {
        const id = `route-${String(n).padStart(31, '0')}-try-${attempt}`
        try {
          expect(await opened.store.create(id, newRecord())).toBe(true)
          break
        } catch (error) {
          if (!(error instanceof RedisReplicationError) || attempt === 2) throw error
          slowReplicas++
        }
      }
    }
    expect(slowReplicas).toBeLessThan(10)
    const stat = (info: string, command: string): number =>
      Number(new RegExp(`cmdstat_${command}:calls=(\\d+)`).exec(info)?.[1] ?? 0)
    const infos = await Promise.all(masters.map((n) => rawCommand(n.port, 'INFO commandstats')))
    expect(infos.map((info) => stat(info, 'wait'))).toEqual(infos.map((info) => stat(info, 'set')))
    expect(infos.every((info) => stat(info, 'set') > 0)).toBe(true)
  })

  it('loses no acknowledged write with durability replicated, and serves again', async () => {
    const load = startWriteLoad(server.url)
    let killedAt = 0
    let promotedAfterMs = 0
    try {
      await load.untilAcknowledged(20, 10_000)
      // The master holding the most sessions of the writers.
      const masters: RedisServer[] = []
      for (const node of cluster.nodes) if ((await role(node)) === 'master') masters.push(node)
      const sizes = await Promise.all(
        masters.map(async (n) => Number((await rawCommand(n.port, 'DBSIZE')).slice(1))),
      )
      const victim = masters[sizes.indexOf(Math.max(...sizes))] as RedisServer
      // Its replica cut off a moment before (a network blip): what the master acknowledges
      // meanwhile is on the master alone, and goes down with it. (The replica is frozen while
      // the master drops it, so that it cannot reconnect and catch up in time.)
      const replicaPort = /slave0:ip=[^,]+,port=(\d+)/.exec(
        await rawCommand(victim.port, 'INFO replication'),
      )?.[1]
      const replica = cluster.nodes.find((n) => String(n.port) === replicaPort) as RedisServer
      replica.pause()
      expect(await rawCommand(victim.port, 'CLIENT KILL TYPE replica')).toBe(':1\r\n')
      await new Promise((resolve) => setTimeout(resolve, 300))
      killedAt = Date.now()
      await victim.stop('SIGKILL')
      replica.resume()
      await waitFor(
        'a replica to take over',
        async () => {
          const roles = await Promise.all(cluster.nodes.map((n) => (n === victim ? '' : role(n))))
          return roles.filter((r) => r === 'master').length === masters.length
        },
        15_000,
      )
      promotedAfterMs = Date.now() - killedAt
      // With one replica per master, the new master has none until the old one is back: it
      // acknowledges nothing meanwhile (503), as `replicated` promises.
      await victim.start()
      await load.untilAcknowledged(20, 30_000)
    } finally {
      await load.stop().catch(() => [])
    }
    const logs = await load.stop()

    const outage = outageAfter(logs, killedAt)
    const lost = lostWrites(logs)
    console.log(
      `Cluster master kill -9: ${acknowledged(logs)} writes acknowledged, ${lost} lost; ` +
        `replica promoted after ${promotedAfterMs} ms; ${outage.failures} failed answers, ` +
        `200 again ${outage.recoveryMs} ms after the kill`,
    )
    expect(lost).toBe(0)
  })
})
