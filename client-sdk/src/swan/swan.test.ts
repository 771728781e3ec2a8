import * as adapter from './index'
import { describeMiniAdapter } from '../../test/support/mini-adapter-suite'

describeMiniAdapter('swan', 'swan', {
  transport: adapter.createSwanTransport,
  storage: adapter.createSwanStorage,
  login: adapter.createSwanLogin,
  client: adapter.createSwanClient,
})
