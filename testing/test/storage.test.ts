import { createMiniRuntime, createWxRuntime } from '../src/index'

const KB = 1024

describe('storage limits and failures', () => {
  it("throws WeChat's errors past 1 MB per key and 10 MB in all, keeping the old value", () => {
    const wx = createWxRuntime()
    wx.setStorageSync('k', 'old')
    expect(() => wx.setStorageSync('k', 'x'.repeat(1024 * KB))).toThrow(
      'setStorageSync:fail exceed storage item max length',
    )
    expect(wx.getStorageSync('k')).toBe('old')
    for (let i = 0; i < 10; i++) wx.setStorageSync(`k${i}`, 'x'.repeat(1000 * KB))
    expect(() => wx.setStorageSync('more', 'x'.repeat(1000 * KB))).toThrow(
      'setStorageSync:fail exceed storage max size 10Mb',
    )
  })

  it('calls fail (not throw) in the callback style, on a later task', async () => {
    const wx = createWxRuntime({ storage: { maxItemBytes: 10 } })
    let sync = true
    const failure = await new Promise<{ errMsg: string }>((resolve) => {
      wx.setStorage({ key: 'k', data: 'far too long', fail: resolve })
      sync = false
    })
    expect(sync).toBe(false)
    expect(failure).toEqual({ errMsg: 'setStorage:fail exceed storage item max length' })
  })

  it("returns Alipay's iOS failure shape past 200 KB per key or 10 MB: no success flag", () => {
    const my = createMiniRuntime({ platform: 'alipay' })
    expect(my.setStorageSync({ key: 'k', data: 'v' })).toEqual({ success: true })
    expect(my.setStorageSync({ key: 'k', data: 'x'.repeat(200 * KB) })).toEqual({
      error: 14,
      errorMessage: 'data长度超限',
    })
    expect(my.getStorageSync({ key: 'k' })).toEqual({ data: 'v' })
    expect(my.getStorageSync({ key: 'missing' })).toEqual({ data: null })
    for (let i = 0; i < 53; i++) my.setStorageSync({ key: `k${i}`, data: 'x'.repeat(190 * KB) })
    expect(my.setStorageSync({ key: 'more', data: 'x'.repeat(190 * KB) })).toEqual({
      error: 12,
      errorMessage: '存储总大小达到上限',
    })
    expect(my.setStorageSync({ key: '', data: 1 })).toEqual({
      error: 11,
      errorMessage: 'invalid params',
    })
  })

  it('uses the platform limits of ByteDance, QQ and Baidu (1 MB per key, 10 MB)', () => {
    for (const platform of ['tt', 'qq', 'swan'] as const) {
      const runtime = createMiniRuntime({ platform })
      expect(runtime.getStorageInfoSync().limitSize).toBe(10 * KB)
      expect(() => runtime.setStorageSync('k', 'x'.repeat(1024 * KB))).toThrow(/exceed/)
    }
  })
})
