import { loadConfig } from '../src/config'
import { openStore, type OpenStore } from '../src/open-store'
import { rawCommand } from '../../session/test/support/redis-server'
import {
  startRedisSentinel,
  type RedisSentinelSetup,
} from '../../session/test/support/redis-sentinel'
import { describeWith } from '../../session/test/support/services'
import { describeStoreContract } from '../../session/test/support/store-contract'

describeWith('redis')('createRedisStore through Redis Sentinel', () => {
  let setup: RedisSentinelSetup | undefined
  let opened: OpenStore | undefined
  beforeAll(async () => {
    setup = await startRedisSentinel()
    // The same path the server takes with REDIS_SENTINELS and REDIS_SENTINEL_NAME.
    const config = loadConfig({
      NODE_ENV: 'test',
      SESSION_STORE: 'redis',
      REDIS_SENTINELS: `${setup.sentinel.host}:${setup.sentinel.port}`,
      REDIS_SENTINEL_NAME: setup.name,
    })
    opened = await openStore(config)
  }, 30_000)
  afterAll(async () => {
    await opened?.close()
    await setup?.stop()
  })

  describeStoreContract('redis via sentinel', async () => {
    if (!opened || !setup) throw new Error('Sentinel did not start')
    const { store } = opened
    const port = setup.master.port
    return {
      store,
      corrupt: async (id) => void (await rawCommand(port, `SET hs:s:${id} garbage`)),
      close: async () => {},
    }
  })
})
