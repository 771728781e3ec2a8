import * as adapter from './index'
import { describeMiniAdapter } from '../../test/support/mini-adapter-suite'

describeMiniAdapter(
  'qq',
  'qq',
  {
    transport: adapter.createQqTransport,
    storage: adapter.createQqStorage,
    login: adapter.createQqLogin,
    client: adapter.createQqClient,
    getLoginCode: adapter.getQqLoginCode,
  },
  {
    native: ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS'],
    readings: {
      "QQ's API docs 1.5.1": [
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
