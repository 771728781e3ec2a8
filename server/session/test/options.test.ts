import {
  createMemoryStore,
  createSessionMiddleware,
  DEFAULT_SESSION_MIDDLEWARE_OPTIONS,
} from '../src'
import { resolveOptions } from '../src/options'

const store = createMemoryStore()

describe('createSessionMiddleware options', () => {
  it('has documented defaults', () => {
    expect(DEFAULT_SESSION_MIDDLEWARE_OPTIONS).toEqual({
      headerName: 'X-Header-Session',
      secrets: [],
      encryptionKeys: [],
      idleTimeoutMs: 604_800_000,
      absoluteTimeoutMs: 2_592_000_000,
      touchIntervalMs: 60_000,
      storeTimeoutMs: 1_000,
      retryAfterSeconds: 1,
      maxDataBytes: 65_536,
      exposeHeaders: true,
      vary: [],
    })
    expect(Object.isFrozen(DEFAULT_SESSION_MIDDLEWARE_OPTIONS)).toBe(true)
    const resolved = resolveOptions({ store })
    expect(resolved.statusHeaderName).toBe('X-Header-Session-Status')
    expect(resolved.now).toBe(Date.now)
  })

  it('returns a named middleware', () => {
    expect(createSessionMiddleware({ store }).name).toBe('headerSession')
  })

  it('does not change the caller’s object', () => {
    const options = Object.freeze({ store, secrets: Object.freeze(['s'.repeat(32)]) })
    expect(() => resolveOptions(options)).not.toThrow()
  })

  it('keeps the touch interval within the idle timeout', () => {
    expect(resolveOptions({ store, idleTimeoutMs: 10_000 }).touchIntervalMs).toBe(5_000)
  })

  it.each([
    [{ store: undefined }, 'Invalid option store'],
    [{ headerName: 'X_Session' }, 'Invalid option headerName: "X_Session"'],
    [{ headerName: '' }, 'Invalid option headerName'],
    [{ statusHeaderName: 'a b' }, 'Invalid option statusHeaderName'],
    [{ secrets: ['short'] }, 'Invalid option secrets: "[redacted]"'],
    [{ secrets: 'a-single-string-secret' }, 'Invalid option secrets'],
    [
      { encryptionKeys: ['shorter-than-32-characters'] },
      'Invalid option encryptionKeys: "[redacted]"',
    ],
    [{ encryptionKeys: 'k'.repeat(40) }, 'Invalid option encryptionKeys'],
    [{ idleTimeoutMs: 0 }, 'Invalid option idleTimeoutMs: 0'],
    [{ idleTimeoutMs: 1.5 }, 'Invalid option idleTimeoutMs: 1.5'],
    [{ absoluteTimeoutMs: -1 }, 'Invalid option absoluteTimeoutMs: -1'],
    [{ touchIntervalMs: 120_000, idleTimeoutMs: 60_000 }, 'Invalid option touchIntervalMs: 120000'],
    [{ storeTimeoutMs: Number.NaN }, 'Invalid option storeTimeoutMs: null'],
    [{ maxDataBytes: '64k' }, 'Invalid option maxDataBytes: "64k"'],
    [{ exposeHeaders: 'yes' }, 'Invalid option exposeHeaders'],
    [{ vary: 'Origin' }, 'Invalid option vary: "Origin"'],
    [{ vary: ['Origin', 'Accept Language'] }, 'Invalid option vary: "Accept Language"'],
    [{ vary: [1] }, 'Invalid option vary: 1'],
    [{ onEvent: 'log' }, 'Invalid option onEvent'],
    [{ eventTypes: 'loaded' }, 'Invalid option eventTypes: "loaded"'],
    [{ eventTypes: ['loaded', 'load'] }, 'Invalid option eventTypes: ["loaded","load"]'],
    [{ now: 5 }, 'Invalid option now'],
  ])('rejects %j', (bad, message) => {
    expect(() => createSessionMiddleware({ store, ...bad } as never)).toThrow(message)
  })
})
