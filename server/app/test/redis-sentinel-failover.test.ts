import type { OpenStore } from '../src/open-store'
import { listen, type TestServer } from '../../session/test/support/http'
import { openRedisAsTheServerDoes } from './support/redis-open'
import {
  startRedisSentinel,
  waitForReplicas,
  type RedisSentinelSetup,
} from '../../session/test/support/redis-sentinel'
import { waitFor } from '../../session/test/support/redis-server'
import { acknowledged, lostWrites, outageAfter, startWriteLoad } from './support/redis-write-load'
import { describeWith } from '../../session/test/support/services'
import { createSessionTestApp } from '../../session/test/support/session-app'

/**
 * Issue 12, item 2: a Sentinel failover used to lose thousands of writes answered 200 (the
 * client kept writing to the old primary, whose writes vanish when it resyncs as a replica).
 * With `REDIS_DURABILITY=replicated` a write is answered 200 only once the replica has it, and
 * the client follows `+switch-master` at once.
 */
describeWith('redis')('a Sentinel failover under write load', () => {
  let setup: RedisSentinelSetup
  let opened: OpenStore
  let server: TestServer
  beforeAll(async () => {
    setup = await startRedisSentinel({ replicas: 1, sentinels: 3, downAfterMs: 1_000 })
    opened = await openRedisAsTheServerDoes({
      REDIS_SENTINELS: setup.sentinels.map((s) => `${s.host}:${s.port}`).join(','),
      REDIS_SENTINEL_NAME: setup.name,
      REDIS_DURABILITY: 'replicated',
    })
    server = await listen(createSessionTestApp({ store: opened.store }))
  }, 60_000)
  afterAll(async () => {
    await server?.close()
    await opened?.close()
    await setup?.stop()
  })

  it('loses no acknowledged write with durability replicated, and serves again', async () => {
    const before = setup.master.port
    const load = startWriteLoad(server.url)
    let failedOverAt = 0
    try {
      await load.untilAcknowledged(20, 10_000)
      failedOverAt = Date.now()
      await setup.failover()
      await waitFor(
        'the replica to be promoted',
        async () => (await setup.masterPort()) !== before,
        10_000,
      )
      // Writes the old primary took after the promotion vanish only when it resyncs as a
      // replica of the new one: read the counts back after that.
      await waitForReplicas(await setup.masterPort(), 1)
      await load.untilAcknowledged(20, 30_000)
    } finally {
      await load.stop().catch(() => [])
    }
    const logs = await load.stop()

    const outage = outageAfter(logs, failedOverAt)
    const lost = lostWrites(logs)
    console.log(
      `Sentinel failover: ${acknowledged(logs)} writes acknowledged, ${lost} lost; ` +
        `${outage.failures} failed answers, 200 again ${outage.recoveryMs} ms after SENTINEL FAILOVER`,
    )
    expect(lost).toBe(0)
  })
})
