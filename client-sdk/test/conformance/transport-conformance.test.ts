import { createAlipayTransport } from '../../src/alipay/index'
import { createFetchTransport } from '../../src/fetch/index'
import { createQqTransport } from '../../src/qq/index'
import { createSwanTransport } from '../../src/swan/index'
import { createTaroTransport } from '../../src/taro/index'
import { createTtTransport } from '../../src/tt/index'
import { createUniTransport } from '../../src/uni/index'
import { createWxTransport } from '../../src/wx/index'
import type { MiniTransportOptions } from '../../src/mini/create-mini-transport'
import type { Transport } from '../../src/core/types'
import { createFakeAlipay } from '../support/fake-alipay'
import { createFakeFetch } from '../support/fake-fetch'
import { createFakeMiniPlatform, type FakeMiniOptions } from '../support/fake-mini-platform'
import { describeTransportConformance, type ConformanceTarget } from './transport-conformance'

type MiniFactory = (options: MiniTransportOptions) => Transport

/** A WeChat-shaped platform: headers reach uploads and downloads through onHeadersReceived. */
function mini(
  name: string,
  factory: MiniFactory,
  extra: Partial<FakeMiniOptions> = {},
): ConformanceTarget {
  return {
    name,
    uploadHeaders: true,
    downloadHeaders: true,
    download: 'filePath',
    create(server, reporting) {
      const api = createFakeMiniPlatform({ name, server, ...reporting, ...extra })
      return { transport: factory({ api }), aborted: () => api.aborted }
    },
  }
}

const targets: ConformanceTarget[] = [
  mini('wx', createWxTransport),
  mini('tt', createTtTransport),
  mini('qq', createQqTransport),
  // Baidu reports every header name in lowercase.
  mini('swan', createSwanTransport, { lowercase: true }),
  mini('uni', createUniTransport),
  // Taro's request also returns a promise carrying abort().
  mini('taro', createTaroTransport, { promiseTasks: true }),
  {
    name: 'alipay (my)',
    uploadHeaders: true,
    // my.downloadFile reports neither status nor headers.
    downloadHeaders: false,
    download: 'filePath',
    create(server) {
      const my = createFakeAlipay(server)
      return { transport: createAlipayTransport({ api: my }), aborted: () => my.aborted }
    },
  },
  {
    name: 'fetch',
    uploadHeaders: true,
    downloadHeaders: true,
    download: 'data',
    create(server) {
      const fetch = createFakeFetch(server)
      return { transport: createFetchTransport({ fetch }), aborted: () => fetch.aborted }
    },
  },
]

targets.forEach(describeTransportConformance)
