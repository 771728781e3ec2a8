import * as adapter from './index'
import { describeMiniAdapter } from '../../test/support/mini-adapter-suite'

describeMiniAdapter(
  'swan',
  'swan',
  {
    transport: adapter.createSwanTransport,
    storage: adapter.createSwanStorage,
    login: adapter.createSwanLogin,
    client: adapter.createSwanClient,
    getLoginCode: adapter.getSwanLoginCode,
  },
  {
    native: ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS'],
    readings: {
      "Baidu's swan.request page (Android)": [
        'OPTIONS',
        'GET',
        'HEAD',
        'POST',
        'PUT',
        'DELETE',
        'TRACE',
        'CONNECT',
      ],
      "Baidu's swan.request page (iOS)": ['OPTIONS', 'GET', 'HEAD', 'POST', 'PUT', 'DELETE'],
    },
  },
)
