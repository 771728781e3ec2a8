import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { loadConfig } from '../../src/config'
import { openStore, type OpenStore } from '../../src/open-store'

/**
 * `openStore` as the server calls it at start, for `SESSION_STORE=redis` and the Redis variables
 * in `env` (`REDIS_URL`, `REDIS_SENTINELS`…): the same client options, Sentinel settings and
 * durability. The app's own database is a sqlite file in a temp dir, deleted by `close`.
 */
export async function openRedisAsTheServerDoes(env: Record<string, string>): Promise<OpenStore> {
  const dir = mkdtempSync(join(tmpdir(), 'hs-redis-open-'))
  try {
    const opened = await openStore(
      loadConfig({
        NODE_ENV: 'test',
        SESSION_STORE: 'redis',
        DATABASE_URL: `sqlite:${join(dir, 'app.sqlite')}`,
        ...env,
      }),
    )
    return {
      ...opened,
      close: async () => {
        await opened.close()
        rmSync(dir, { recursive: true, force: true })
      },
    }
  } catch (error) {
    rmSync(dir, { recursive: true, force: true })
    throw error
  }
}
