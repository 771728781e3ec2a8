import type { OpenStore } from '../open-store'
import type { AccessTokenStore } from './access-token-store'
import { createRedisAccessTokenStore } from './redis-access-token-store'
import { createSqlAccessTokenStore } from './sql-access-token-store'

/**
 * The access_token store on the back end the app already opened, as the rate limits choose
 * theirs: the Redis client when sessions live in Redis, else the app's database (the
 * `wechat_token_state` table of the migrations; sqlite included).
 */
export function accessTokenStoreFor(
  open: Pick<OpenStore, 'limitStore' | 'knex'>,
  appId: string,
): AccessTokenStore {
  if (open.limitStore.type === 'redis') {
    return createRedisAccessTokenStore({ client: open.limitStore.client, appId })
  }
  return createSqlAccessTokenStore({ knex: open.knex, appId })
}
