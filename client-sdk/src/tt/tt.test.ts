import * as adapter from './index'
import { describeMiniAdapter } from '../../test/support/mini-adapter-suite'

describeMiniAdapter('tt', 'tt', {
  transport: adapter.createTtTransport,
  storage: adapter.createTtStorage,
  login: adapter.createTtLogin,
  client: adapter.createTtClient,
})
