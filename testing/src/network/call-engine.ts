import type { FailureReason, NetworkApi } from '../profiles/platform-profile'
import type { DomainCheck } from './domain-list'
import {
  ExchangeError,
  startExchange,
  type Answer,
  type Exchange,
  type OutgoingRequest,
  type ResponseHead,
} from './http-exchange'
import type { NetworkStats } from './network-stats'

/** The callbacks every asynchronous platform API takes. */
export interface Callbacks<Success, Failure> {
  success?: (result: Success) => void
  fail?: (failure: Failure) => void
  complete?: (result: Success | Failure) => void
}

/** How a call ends: `success`, `fail`, or neither (a 3xx under `redirect: 'manual'`). */
export type Outcome<Success, Failure> =
  { readonly success: Success } | { readonly failure: Failure } | { readonly silent: true }

/** One network call, as a platform adapter describes it to the engine. */
export interface CallSpec<Success, Failure> {
  readonly api: NetworkApi
  readonly url: string
  readonly callbacks: Callbacks<Success, Failure>
  /** The failure of a call the platform refuses before sending (a method it does not take). */
  readonly refused?: Failure
  readonly timeoutMs: number
  readonly redirect: 'follow' | 'manual'
  /** Builds what goes on the wire (reads the file of an upload). */
  prepare(): Promise<OutgoingRequest>
  /** The head of the answer the call ends with (`onHeadersReceived`). */
  onHead?(head: ResponseHead): void
  /** The outcome of an answer: the platform's `success` result, or its `fail` result. */
  conclude(answer: Answer): Promise<Outcome<Success, Failure>>
  /** The platform's `fail` result for `reason`. */
  failure(reason: FailureReason, detail: string): Failure
}

/** Options of {@link createCallEngine}. */
export interface CallEngineOptions {
  readonly maxInFlight: number
  readonly overflow: 'queue' | 'fail'
  readonly allows: DomainCheck
  readonly stats: NetworkStats
  /** Runs a callback (or drops it, once the runtime is closed). */
  readonly deliver: (callback: () => void) => void
}

/** Runs calls: slots, queue, timeouts, aborts, and what `settled()` waits for. */
export interface CallEngine {
  /** Starts a call; returns its `abort`. */
  start<Success, Failure>(spec: CallSpec<Success, Failure>): () => void
  /** Resolves once no call runs or waits, including the calls their callbacks started. */
  settled(): Promise<void>
  /** Aborts every call. */
  abortAll(): void
  /** Counts `work` as running until it settles (`wx.login`). */
  track(work: Promise<unknown>): void
}

// setTimeout, not setImmediate: jsdom test environments have no setImmediate.
const later = (fn: () => void): void => void setTimeout(fn, 0)

/**
 * The part every platform shares: a call holds one of `maxInFlight` slots while it runs, waits
 * for one or fails without (`overflow`), fails when its URL is not in the domain list or its
 * timeout passes (counted from the call, queued or not), and delivers exactly one of
 * `success` / `fail`, then `complete`, always on a later task.
 */
export function createCallEngine(options: CallEngineOptions): CallEngine {
  const { stats } = options
  const waiting: Array<() => void> = []
  const pending = new Set<Promise<void>>()
  const aborts = new Set<() => void>()

  function start<Success, Failure>(spec: CallSpec<Success, Failure>): () => void {
    let settled = false
    let holdsSlot = false
    let exchange: Exchange | undefined
    let leaveQueue: (() => void) | undefined
    let timer: ReturnType<typeof setTimeout> | undefined
    let done: () => void = () => undefined
    const tracked = new Promise<void>((resolve) => (done = resolve))
    pending.add(tracked)

    const settle = (outcome: Outcome<Success, Failure>): void => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      aborts.delete(abort)
      exchange?.cancel()
      leaveQueue?.()
      if (holdsSlot) {
        holdsSlot = false
        stats.inFlight--
        waiting.shift()?.()
      }
      const o = spec.callbacks
      options.deliver(() => {
        if ('success' in outcome) {
          o.success?.(outcome.success)
          o.complete?.(outcome.success)
        } else if ('failure' in outcome) {
          o.fail?.(outcome.failure)
          o.complete?.(outcome.failure)
        }
      })
      pending.delete(tracked)
      done()
    }
    const fail = (reason: FailureReason, detail: string) =>
      settle({ failure: spec.failure(reason, detail) })
    const abort = (): void => {
      if (settled) return
      stats.aborted++
      fail('abort', 'abort')
    }
    aborts.add(abort)

    const run = async (): Promise<void> => {
      leaveQueue = undefined
      holdsSlot = true
      stats.inFlight++
      stats.peakInFlight = Math.max(stats.peakInFlight, stats.inFlight)
      try {
        const request = await spec.prepare()
        if (settled) return
        exchange = startExchange(request, {
          redirect: spec.redirect,
          allows: options.allows,
          onHead: (head) => spec.onHead && options.deliver(() => spec.onHead?.(head)),
        })
        const answer = await exchange.answer
        if (settled) return
        settle(answer.stoppedAtRedirect ? { silent: true } : await spec.conclude(answer))
      } catch (error) {
        const reason = error instanceof ExchangeError ? error.reason : 'network'
        fail(reason, error instanceof Error ? error.message : String(error))
      }
    }

    const { refused } = spec
    if (refused !== undefined) {
      later(() => settle({ failure: refused }))
    } else if (!options.allows(spec.url)) {
      later(() => fail('domain', spec.url))
    } else {
      timer = setTimeout(() => fail('timeout', 'timeout'), spec.timeoutMs)
      if (stats.inFlight < options.maxInFlight) void run()
      else if (options.overflow === 'fail') {
        stats.overflowed++
        later(() => fail('overflow', `exceed max task count ${options.maxInFlight}`))
      } else {
        stats.overflowed++
        const go = (): void => void run()
        waiting.push(go)
        leaveQueue = () => {
          const at = waiting.indexOf(go)
          if (at >= 0) waiting.splice(at, 1)
        }
      }
    }
    return abort
  }

  return {
    start,
    async settled() {
      while (pending.size > 0) {
        await Promise.all(pending)
        // Let callbacks start what they start (a replay after a login) before looking again.
        await new Promise((resolve) => setTimeout(resolve, 0))
      }
    },
    abortAll: () => [...aborts].forEach((abort) => abort()),
    track(work) {
      const settledWork = work.then(
        () => undefined,
        () => undefined,
      )
      pending.add(settledWork)
      void settledWork.then(() => pending.delete(settledWork))
    },
  }
}
