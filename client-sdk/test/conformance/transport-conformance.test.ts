import { createMiniRuntime } from '@header-session/testing'
import { createAlipayTransport, type AlipayNetworkApi } from '../../src/alipay/index'
import { createFetchTransport } from '../../src/fetch/index'
import { createQqTransport } from '../../src/qq/index'
import { createSwanTransport } from '../../src/swan/index'
import { createTaroTransport } from '../../src/taro/index'
import { createTtTransport } from '../../src/tt/index'
import { createUniTransport } from '../../src/uni/index'
import { createWxTransport } from '../../src/wx/index'
import type { MiniTransportOptions } from '../../src/mini/create-mini-transport'
import type { Transport } from '../../src/core/types'
import { createFakeFetch } from '../support/fake-fetch'
import { createFakeMiniPlatform } from '../support/fake-mini-platform'
import { describeTransportConformance, type ConformanceTarget } from './transport-conformance'

type MiniFactory = (options: MiniTransportOptions) => Transport

/**
 * Short platform timeouts, so that "the platform timed out" takes a second, not a minute; not
 * shorter: on a loaded machine a first request over HTTP/2 can take more than 150 ms.
 */
const QUICK = { request: 1000, uploadFile: 1000, downloadFile: 1000 }

/**
 * A WeChat-shaped adapter over the runtime of `platform`, doing real HTTP: headers reach
 * uploads and downloads through onHeadersReceived. `lowercase` plays HTTP/2's header names
 * (Baidu reports them in lower case anyway).
 */
function onRuntime(
  name: string,
  platform: 'wx' | 'tt' | 'qq' | 'swan',
  factory: MiniFactory,
): ConformanceTarget {
  return {
    name: `${name} (${platform} runtime)`,
    peer: 'http',
    uploadHeaders: true,
    downloadHeaders: true,
    download: 'filePath',
    create(_server, reporting) {
      const runtime = createMiniRuntime({
        platform,
        appJson: { networkTimeout: QUICK },
        http2: reporting.lowercase === true,
      })
      return { transport: factory({ api: runtime }), aborted: () => runtime.stats.aborted }
    },
  }
}

const targets: ConformanceTarget[] = [
  onRuntime('wx', 'wx', createWxTransport),
  onRuntime('tt', 'tt', createTtTransport),
  onRuntime('qq', 'qq', createQqTransport),
  onRuntime('swan', 'swan', createSwanTransport),
  // uni-app built for WeChat hands its calls to wx.request and its siblings.
  onRuntime('uni', 'wx', createUniTransport),
  {
    // Taro's request also returns a promise carrying abort(): a framework's quirk, not a
    // platform's, which only a fake produces.
    name: 'taro (fake)',
    peer: 'fake',
    uploadHeaders: true,
    downloadHeaders: true,
    download: 'filePath',
    create(server, reporting) {
      const api = createFakeMiniPlatform({ name: 'taro', server, ...reporting, promiseTasks: true })
      return { transport: createTaroTransport({ api }), aborted: () => api.aborted }
    },
  },
  {
    name: 'alipay (my runtime)',
    peer: 'http',
    uploadHeaders: true,
    // my.downloadFile reports neither status nor headers.
    downloadHeaders: false,
    download: 'filePath',
    create() {
      const my = createMiniRuntime({ platform: 'alipay', defaultTimeoutMs: QUICK })
      // The SDK's AlipayNetworkApi types every call with one loose option shape; the runtime
      // types each call as Alipay's pages do (uploadFile requires filePath...).
      const api = my as unknown as AlipayNetworkApi
      return { transport: createAlipayTransport({ api }), aborted: () => my.stats.aborted }
    },
  },
  {
    name: 'fetch (fake)',
    peer: 'fake',
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
