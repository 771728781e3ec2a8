import * as adapter from './index'
import { describeMiniAdapter } from '../../test/support/mini-adapter-suite'

describeMiniAdapter('uni', 'uni', {
  transport: adapter.createUniTransport,
  storage: adapter.createUniStorage,
  login: adapter.createUniLogin,
  client: adapter.createUniClient,
})
