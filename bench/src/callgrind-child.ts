import { execFile, spawn } from 'node:child_process'
import type { Writable } from 'node:stream'
import { createInterface } from 'node:readline'
import { promisify } from 'node:util'

const run = promisify(execFile)

/** The last lines a failed child wrote to stderr, for its error. */
const STDERR_LINES = 12

/** A node process under `valgrind --tool=callgrind` (see `spawnUnderCallgrind`). */
export interface CallgrindChild {
  /** The lines the child prints on stdout. */
  lines: AsyncIterableIterator<string>
  /** The child's stdin. */
  input: Writable
  /** Instructions the child has run so far, all its threads. */
  instructionsSoFar(): Promise<number>
  /**
   * Resolves once the child has exited with 0.
   *
   * @throws Error naming `label`, the exit code and the child's last lines on stderr.
   */
  finished(): Promise<void>
}

/** Instructions that the process `pid` has run so far under callgrind, all its threads. */
async function instructionsOf(pid: number): Promise<number> {
  const { stdout } = await run('callgrind_control', ['-e', 'Ir', String(pid)])
  const threads = [...stdout.matchAll(/^\s*Th \d+\s+([\d,]+)/gm)]
  if (threads.length === 0) throw new Error(`callgrind_control printed no counts: ${stdout}`)
  return threads.reduce((sum, match) => sum + Number((match[1] as string).replace(/,/g, '')), 0)
}

/** `node <nodeArgs>` under callgrind, with `env`; its counts are read with `callgrind_control`. */
export function spawnUnderCallgrind(
  label: string,
  nodeArgs: readonly string[],
  env: NodeJS.ProcessEnv,
): CallgrindChild {
  const child = spawn(
    'valgrind',
    ['--tool=callgrind', '--callgrind-out-file=/dev/null', process.execPath, ...nodeArgs],
    { env, stdio: ['pipe', 'pipe', 'pipe'] },
  )
  let stderr = ''
  child.stderr.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-8192)
  })
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve))
  return {
    lines: createInterface({ input: child.stdout })[Symbol.asyncIterator](),
    input: child.stdin,
    instructionsSoFar: () => instructionsOf(child.pid as number),
    async finished() {
      const code = await exited
      if (code === 0) return
      const said = stderr
        .split('\n')
        .filter((line) => line.trim() !== '' && !line.startsWith('=='))
        .slice(-STDERR_LINES)
        .join('\n')
      throw new Error(`${label} under valgrind exited with ${code}:\n${said}`)
    },
  }
}
