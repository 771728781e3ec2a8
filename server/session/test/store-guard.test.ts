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
    // On Jest's clock, so that the deadlines are exact whatever the machine's load.
    jest.useFakeTimers()
    try {
      const events: SessionEvent[] = []
      const guard = createStoreGuard(150, 'test', (event) => events.push(event), Date.now)
      const started = Date.now()
      const settledAt: Array<[string, number]> = []
      const watch = (name: string, promise: Promise<unknown>) =>
        promise.then(
          () => settledAt.push([`${name} ok`, Date.now() - started]),
          (error: unknown) => {
            expect(error).toBeInstanceOf(SessionStoreUnavailableError)
            settledAt.push([`${name} timeout`, Date.now() - started])
          },
        )
      const all = [
        watch('hang-1', guard('get', never)),
        watch('slow', guard('get', after(60, 1))),
        watch('quick', guard('get', after(5, 2))),
      ]
      await jest.advanceTimersByTimeAsync(50)
      all.push(watch('hang-2', guard('commit', never)))
      await jest.advanceTimersByTimeAsync(400)
      await Promise.all(all)
      expect(settledAt).toEqual([
        ['quick ok', 5],
        ['slow ok', 60],
        ['hang-1 timeout', 150],
        ['hang-2 timeout', 200],
      ])
      expect(events.map((event) => event.operation)).toEqual(['get', 'commit'])
    } finally {
      jest.useRealTimers()
    }
  })

  it('keeps the results and failures of operations that finish in time, with one timer', async () => {
    // A deadline no run reaches: 2000 operations once outlasted 1 s on a loaded machine.
    const guard = createStoreGuard(60_000, 'test', () => {}, Date.now)
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
