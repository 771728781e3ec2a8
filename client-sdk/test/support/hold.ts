/** Something a test holds back: `reached` once it is waiting, and it goes on at `release()`. */
export interface Hold {
  /** Resolves when the held operation has started and waits. */
  readonly reached: Promise<void>
  /** Lets it go on. */
  release(): void
}

/** A hold plus the two ends the holding side uses. */
export interface HoldHandle extends Hold {
  /** Called by the held operation when it starts waiting. */
  arrive(): void
  /** Resolves at `release()`. */
  readonly released: Promise<void>
}

/** A fresh hold. */
export function createHold(): HoldHandle {
  let arrive!: () => void
  let release!: () => void
  const reached = new Promise<void>((resolve) => (arrive = resolve))
  const released = new Promise<void>((resolve) => (release = resolve))
  return { reached, released, arrive, release }
}
