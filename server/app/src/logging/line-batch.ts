import pino, { type DestinationStream } from 'pino'

/** Lines kept at most before they are written without waiting for the end of the turn. */
const MAX_PENDING_CHARACTERS = 65_536

/** A destination whose lines are written together (see `createLineBatch`). */
export interface LineBatch extends DestinationStream {
  /** Writes the lines kept so far, now. */
  flushSync(): void
}

/** pino writes a line's level first: `{"level":50` is error, 60 fatal. */
function isErrorLine(line: string): boolean {
  return line.startsWith('{"level":5') || line.startsWith('{"level":6')
}

/**
 * Log lines for the file descriptor `fd`, written together: the lines of one turn of the event
 * loop go out in one synchronous `write(2)` when the turn ends (a `setImmediate`), or as soon as
 * 64 K characters are waiting. Under load a turn answers many requests, so their request lines
 * cost one system call instead of one each. An error or fatal line is written at once, with
 * those before it, and whatever is kept is written when the process exits (an uncaught
 * exception and `process.exit` included); once the process is exiting, lines are written as
 * they come. Only a process killed outright (SIGKILL, out of memory) loses the lines of the
 * turn it was in.
 *
 * The writes are pino's synchronous destination's (`pino.destination({ sync: true })`): it
 * finishes partial writes and retries a pipe that is full (`EAGAIN`).
 */
export function createLineBatch(fd: number): LineBatch {
  const target = pino.destination({ dest: fd, sync: true })
  let pending = ''
  let scheduled = false
  let exiting = false

  function flushSync(): void {
    if (pending === '') return
    const lines = pending
    pending = ''
    target.write(lines)
  }

  process.once('exit', () => {
    exiting = true
    flushSync()
  })

  return {
    write(line: string) {
      pending += line
      if (exiting || pending.length >= MAX_PENDING_CHARACTERS || isErrorLine(line)) {
        flushSync()
      } else if (!scheduled) {
        scheduled = true
        setImmediate(() => {
          scheduled = false
          flushSync()
        })
      }
    },
    flushSync,
  }
}
