import * as adapter from './index'
import { describeMiniAdapter } from '../../test/support/mini-adapter-suite'

describeMiniAdapter('Taro', undefined, {
  transport: adapter.createTaroTransport,
  storage: adapter.createTaroStorage,
  login: adapter.createTaroLogin,
  client: adapter.createTaroClient,
})
