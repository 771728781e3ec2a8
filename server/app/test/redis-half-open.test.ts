import type { OpenStore } from '../src/open-store'
import { listen, type TestServer } from '../../session/test/support/http'
import { openRedisAsTheServerDoes } from './support/redis-open'
import { startHalfOpenProxy, type HalfOpenProxy } from './support/redis-proxy'
import { startRedisServer, type RedisServer } from '../../session/test/support/redis-server'
import { lostWrites, outageAfter, startWriteLoad } from './support/redis-write-load'
import { describeWith } from '../../session/test/support/services'
import { createSessionTestApp } from '../../session/test/support/session-app'

/**
 * A connection whose peer vanished without a word (no FIN, no RST) answers nothing, and TCP
 * would retransmit for many minutes while every auto-pipelined command waits behind the stuck
 * ones. The client's socket timeout (2 s with the default store deadline) ends it.
 */
describeWith('redis')('a half-open Redis connection', () => {
  let redis: RedisServer
  let proxy: HalfOpenProxy
  let opened: OpenStore
  let server: TestServer
  beforeAll(async () => {
    redis = await startRedisServer()
    proxy = await startHalfOpenProxy(redis.port)
    opened = await openRedisAsTheServerDoes({ REDIS_URL: proxy.url })
    server = await listen(createSessionTestApp({ store: opened.store }))
  }, 30_000)
  afterAll(async () => {
    await server?.close()
    await opened?.close()
    await proxy?.close()
    await redis?.remove()
  })

  it('is given up after the socket timeout, and requests answer 200 again', async () => {
    const load = startWriteLoad(server.url)
    let frozenAt = 0
    try {
      await load.untilAcknowledged(20, 10_000)
      frozenAt = Date.now()
      proxy.freeze()
      await load.untilAcknowledged(20, 10_000)
    } finally {
      await load.stop().catch(() => [])
    }
    const logs = await load.stop()
    const outage = outageAfter(logs, frozenAt)
    console.log(
      `half-open connection: ${outage.failures} failed answers, 200 again after ${outage.recoveryMs} ms`,
    )
    // The socket timeout (2 s), then a reconnection.
    expect(outage.recoveryMs).toBeGreaterThan(1_500)
    expect(outage.recoveryMs).toBeLessThan(3_500)
    expect(lostWrites(logs)).toBe(0)
  })
})
