import { SessionStoreUnavailableError } from '../src/errors'
import type { SessionEvent } from '../src/events'
import { createStoreGuard } from '../src/store-guard'

const never = new Promise<never>(() => {})
const after = <T>(ms: number, value: T) =>
  new Promise<T>((resolve) => setTimeout(() => resolve(value), ms))
const turns = async (n: number) => {
  for (let i = 0; i < n; i++) await new Promise((resolve) => setImmediate(resolve))
}

describe('createStoreGuard', () => {
  it('times out each hanging operation at its own deadline, among quick ones settling in any order', async () => {
    const events: SessionEvent[] = []
    const guard = createStoreGuard(150, 'test', (event) => events.push(event), Date.now)
    const started = performance.now()
    const settledAt: Array<[string, number]> = []
    const watch = (name: string, promise: Promise<unknown>) =>
      promise.then(
        () => settledAt.push([`${name} ok`, performance.now() - started]),
        (error: unknown) => {
          expect(error).toBeInstanceOf(SessionStoreUnavailableError)
          settledAt.push([`${name} timeout`, performance.now() - started])
        },
      )
    const all = [
      watch('hang-1', guard('get', never)),
      watch('slow', guard('get', after(60, 1))),
      watch('quick', guard('get', after(5, 2))),
    ]
    await after(50, null)
    all.push(watch('hang-2', guard('commit', never)))
    await Promise.all(all)
    const at = Object.fromEntries(settledAt)
    expect(at['quick ok']).toBeLessThan(100)
    expect(at['slow ok']).toBeLessThan(140)
    expect(at['hang-1 timeout']).toBeGreaterThanOrEqual(149)
    expect(at['hang-1 timeout']).toBeLessThan(400)
    expect(at['hang-2 timeout']).toBeGreaterThanOrEqual(199)
    expect(at['hang-2 timeout']).toBeLessThan(450)
    expect(events.map((event) => event.operation)).toEqual(['get', 'commit'])
  })

  it('keeps the results and failures of operations that finish in time, with one timer', async () => {
    const guard = createStoreGuard(1000, 'test', () => {}, Date.now)
    const setTimer = jest.spyOn(global, 'setTimeout')
    const clearTimer = jest.spyOn(global, 'clearTimeout')
    try {
      const work = (i: number) => turns(i % 7).then(() => i)
      const results = await Promise.all(
        Array.from({ length: 2000 }, (_, i) => guard('get', work(i))),
      )
      expect(results).toEqual(Array.from({ length: 2000 }, (_, i) => i))
      const failure = new Error('down')
      await expect(guard('get', Promise.reject(failure))).rejects.toMatchObject({
        name: 'SessionStoreUnavailableError',
        cause: failure,
      })
      // Not one timer per operation, and none cleared: an idle timer lapses.
      expect(setTimer.mock.calls.length).toBeLessThan(10)
      expect(clearTimer).not.toHaveBeenCalled()
    } finally {
      setTimer.mockRestore()
      clearTimer.mockRestore()
    }
  })

  it('serves operations one after another with one timer, which holds the process open only while one is pending', async () => {
    const guard = createStoreGuard(1000, 'test', () => {}, Date.now)
    const timers = () =>
      process.getActiveResourcesInfo().filter((type) => type === 'Timeout').length
    const idle = timers()
    const setTimer = jest.spyOn(global, 'setTimeout')
    try {
      for (let i = 0; i < 500; i++) expect(await guard('get', Promise.resolve(i))).toBe(i)
      expect(setTimer).toHaveBeenCalledTimes(1)
      expect(timers()).toBe(idle)
      let finish: (value: string) => void = () => {}
      const pending = guard('get', new Promise<string>((resolve) => (finish = resolve)))
      expect(timers()).toBe(idle + 1)
      finish('done')
      await expect(pending).resolves.toBe('done')
      expect(timers()).toBe(idle)
      expect(setTimer).toHaveBeenCalledTimes(1)
    } finally {
      setTimer.mockRestore()
    }
  })
})
