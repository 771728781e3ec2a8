import * as adapter from './index'
import { describeMiniAdapter } from '../../test/support/mini-adapter-suite'

describeMiniAdapter('qq', 'qq', {
  transport: adapter.createQqTransport,
  storage: adapter.createQqStorage,
  login: adapter.createQqLogin,
  client: adapter.createQqClient,
})
