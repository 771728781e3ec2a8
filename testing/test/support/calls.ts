import type {
  AlipayFailure,
  AlipayRequestOptions,
  AlipayRequestResult,
  AlipayRuntime,
  MiniRuntime,
  WxFailure,
  WxHeadersReceived,
  WxRequestOptions,
  WxRequestResult,
} from '../../src/index'

/** How a call ended: its `success` or `fail` result, how many `complete`s, headers events. */
export interface Ended<Success, Failure> {
  ok?: Success
  failed?: Failure
  completed: number
  headers: WxHeadersReceived[]
}

/** A macrotask later: a second callback, if any, would have run by then. */
const afterCallbacks = () => new Promise((resolve) => setTimeout(resolve, 5))

/** `request` on a WeChat-shaped runtime, as a promise of how it ended. */
export function request(
  runtime: MiniRuntime,
  options: Omit<WxRequestOptions, 'success' | 'fail' | 'complete'>,
): Promise<Ended<WxRequestResult, WxFailure>> {
  return new Promise((resolve) => {
    const ended: Ended<WxRequestResult, WxFailure> = { completed: 0, headers: [] }
    const task = runtime.request({
      ...options,
      success: (r) => void (ended.ok = r),
      fail: (f) => void (ended.failed = f),
      complete: () => {
        ended.completed++
        void afterCallbacks().then(() => resolve(ended))
      },
    })
    task.onHeadersReceived((h) => void ended.headers.push(h))
  })
}

/** `my.request` on the Alipay runtime, as a promise of how it ended. */
export function myRequest(
  my: AlipayRuntime,
  options: Omit<AlipayRequestOptions, 'success' | 'fail' | 'complete'>,
): Promise<Ended<AlipayRequestResult, AlipayFailure>> {
  return new Promise((resolve) => {
    const ended: Ended<AlipayRequestResult, AlipayFailure> = { completed: 0, headers: [] }
    my.request({
      ...options,
      success: (r) => void (ended.ok = r),
      fail: (f) => void (ended.failed = f),
      complete: () => {
        ended.completed++
        void afterCallbacks().then(() => resolve(ended))
      },
    })
  })
}
