import { TokenClient } from '../../../session/test/support/http'

/** One answer a writer got: when its request started and ended, its status, the count it saw. */
export interface WriteAnswer {
  startedAt: number
  endedAt: number
  status: number
  /** `{ count }` of a 200 from `POST /count` (the session's counter after this write). */
  count: number | null
}

/** What one writer of `startWriteLoad` did, and its session's count read after the load. */
export interface WriterLog {
  answers: WriteAnswer[]
  finalCount: number
}

/** Writers that keep sending `POST /count` (see `session-app.ts`), each on its own session. */
export interface WriteLoad {
  /** Resolves once every writer has had `count` 200s since this call. */
  untilAcknowledged(count: number, timeoutMs: number): Promise<void>
  /** Stop the writers, read each session's count (retrying for up to 5 s). Safe to call twice. */
  stop(): Promise<WriterLog[]>
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * Start `writers` writers against the session test app at `baseUrl`. Each sends one request at
 * a time; after a failure it waits 20 ms, so an outage costs no busy loop.
 */
export function startWriteLoad(baseUrl: string, writers = 8): WriteLoad {
  let running = true
  let stopped: Promise<WriterLog[]> | null = null
  const logs = Array.from({ length: writers }, () => ({
    client: new TokenClient(baseUrl),
    answers: [] as WriteAnswer[],
  }))
  const loops = logs.map(async (log) => {
    while (running) {
      const startedAt = Date.now()
      const res = await log.client.send('POST', '/count').catch(() => null)
      const status = res?.status ?? 0
      const count = status === 200 ? (res?.body?.count as number) : null
      log.answers.push({ startedAt, endedAt: Date.now(), status, count })
      if (status !== 200) await sleep(20)
    }
  })

  const load: WriteLoad = {
    async untilAcknowledged(count, timeoutMs) {
      const from = logs.map((log) => log.answers.length)
      const deadline = Date.now() + timeoutMs
      const done = (): boolean =>
        logs.every(
          (log, i) => log.answers.slice(from[i]).filter((a) => a.status === 200).length >= count,
        )
      while (!done()) {
        if (Date.now() > deadline) {
          const last = logs.map((log) => log.answers.at(-1)?.status)
          throw new Error(`writers not acknowledged ${count} times in ${timeoutMs} ms: ${last}`)
        }
        await sleep(20)
      }
    },
    stop() {
      stopped ??= readBack()
      return stopped
    },
  }
  return load

  async function readBack(): Promise<WriterLog[]> {
    running = false
    await Promise.all(loops)
    return Promise.all(
      logs.map(async (log) => {
        const deadline = Date.now() + 5_000
        for (;;) {
          const res = await log.client.send('GET', '/read')
          if (res.status === 200) {
            const data = res.body?.data as { count?: number } | undefined
            return { answers: log.answers, finalCount: data?.count ?? 0 }
          }
          if (Date.now() > deadline) throw new Error(`reading a writer's session: ${res.status}`)
          await sleep(50)
        }
      }),
    )
  }
}

/**
 * Acknowledged writes that are gone. A writer's counter only grows, so a 200 whose count a later
 * 200 saw again (or lower), or that the final count does not reach, was lost: the state it
 * answered was replaced by an older one (a failover to a replica without it, a lost session).
 * A 503 may or may not have been applied; it never counts here.
 */
export function lostWrites(logs: readonly WriterLog[]): number {
  let lost = 0
  for (const { answers, finalCount } of logs) {
    const counts = answers.flatMap((a) => (a.count === null ? [] : [a.count]))
    // From the end: the lowest count acknowledged after each one, and the final count.
    let floor = finalCount + 1
    for (let i = counts.length - 1; i >= 0; i--) {
      const count = counts[i] as number
      if (count >= floor) lost++
      floor = Math.min(floor, count)
    }
  }
  return lost
}

/** Acknowledged writes (200s) in `logs`. */
export function acknowledged(logs: readonly WriterLog[]): number {
  return logs.reduce((sum, log) => sum + log.answers.filter((a) => a.status === 200).length, 0)
}

/** How the answers went from `since` on: failures, and when the last one came back. */
export interface Outage {
  /** Answers other than 200 to requests that ended after `since`. */
  failures: number
  /** From `since` to the end of the last failed answer; 0 when nothing failed. */
  recoveryMs: number
}

/** The failures after `since` (an event's time) in `logs`. */
export function outageAfter(logs: readonly WriterLog[], since: number): Outage {
  let failures = 0
  let last = since
  for (const log of logs) {
    for (const answer of log.answers) {
      if (answer.endedAt < since || answer.status === 200) continue
      failures++
      last = Math.max(last, answer.endedAt)
    }
  }
  return { failures, recoveryMs: last - since }
}
