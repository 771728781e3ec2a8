import * as adapter from './index'
import { describeMiniAdapter } from '../../test/support/mini-adapter-suite'

describeMiniAdapter(
  'tt',
  'tt',
  {
    transport: adapter.createTtTransport,
    storage: adapter.createTtStorage,
    login: adapter.createTtLogin,
    client: adapter.createTtClient,
    getLoginCode: adapter.getTtLoginCode,
  },
  {
    native: ['GET', 'HEAD', 'POST', 'PUT', 'OPTIONS'],
    readings: {
      "ByteDance's tt.request page": ['GET', 'POST', 'OPTIONS', 'PUT', 'HEAD', 'DELETE'],
      "uni-app's method table": ['GET', 'POST', 'PUT'],
    },
  },
)
