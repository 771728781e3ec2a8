import * as adapter from './index'
import { describeMiniAdapter } from '../../test/support/mini-adapter-suite'

describeMiniAdapter(
  'uni',
  'uni',
  {
    transport: adapter.createUniTransport,
    storage: adapter.createUniStorage,
    login: adapter.createUniLogin,
    client: adapter.createUniClient,
    getLoginCode: adapter.getUniLoginCode,
  },
  {
    native: ['GET', 'POST'],
    readings: {
      "uni-app's method table, on Alipay": ['GET', 'POST'],
      "uni-app's method table, on ByteDance": ['GET', 'POST', 'PUT'],
      "uni-app's method table, on WeChat": [
        'OPTIONS',
        'GET',
        'HEAD',
        'POST',
        'PUT',
        'DELETE',
        'TRACE',
        'CONNECT',
      ],
    },
  },
)
