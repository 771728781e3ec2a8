import {
  createMiniRuntime,
  DEFAULT_RUNTIME_OPTIONS,
  PROFILES,
  RuntimeOptionsError,
  type MiniRuntimeOptions,
} from '../src/index'

describe('createMiniRuntime options', () => {
  it('has these defaults', () => {
    expect(DEFAULT_RUNTIME_OPTIONS).toEqual({
      platform: 'wx',
      overflow: 'queue',
      http2: false,
      appId: 'touristappid',
    })
    expect(Object.isFrozen(DEFAULT_RUNTIME_OPTIONS)).toBe(true)
    const wx = createMiniRuntime()
    expect(wx.platform).toBe('wx')
    expect(wx.profile).toBe(PROFILES.wx)
  })

  it.each<[string, MiniRuntimeOptions]>([
    ['platform', { platform: 'weixin' as never }],
    ['maxInFlight', { maxInFlight: 0 }],
    ['overflow', { overflow: 'drop' as never }],
    ['allowedDomains', { allowedDomains: 'api.example.com' as never }],
    ['allowedDomains', { allowedDomains: ['https://'] }],
    ['appJson.networkTimeout.request', { appJson: { networkTimeout: { request: -1 } } }],
    ['defaultTimeoutMs.uploadFile', { defaultTimeoutMs: { uploadFile: Number.NaN } }],
    ['storage.maxItemBytes', { storage: { maxItemBytes: 0 } }],
    ['weRun', { weRun: { standInUrl: 'http://127.0.0.1:1' } as never }],
    ['weRun', { platform: 'tt', weRun: () => ({ encryptedData: 'e', iv: 'i' }) }],
  ])('names the bad option: %s', (option, options) => {
    const error = (() => {
      try {
        createMiniRuntime(options)
      } catch (e) {
        return e
      }
    })()
    expect(error).toBeInstanceOf(RuntimeOptionsError)
    expect(error).toMatchObject({ option, code: 'RUNTIME_OPTIONS' })
  })

  it('does not change the options it is given', () => {
    const options: MiniRuntimeOptions = Object.freeze({
      platform: 'tt',
      storage: Object.freeze({}),
    })
    expect(() => createMiniRuntime(options)).not.toThrow()
  })
})
