import * as adapter from './index'
import { describeMiniAdapter } from '../../test/support/mini-adapter-suite'

describeMiniAdapter(
  'Taro',
  undefined,
  {
    transport: adapter.createTaroTransport,
    storage: adapter.createTaroStorage,
    login: adapter.createTaroLogin,
    client: adapter.createTaroClient,
    getLoginCode: adapter.getTaroLoginCode,
  },
  {
    native: ['GET', 'POST'],
    readings: {
      "uni-app's method table, on Alipay": ['GET', 'POST'],
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
