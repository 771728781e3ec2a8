import { execFile } from 'node:child_process'
import { promisify } from 'node:util'

const run = promisify(execFile)

/**
 * The environment for npm in a temp project: this process's, without the `npm_*` variables an
 * enclosing `npm test` sets (`npm_config_workspace`, `npm_package_*`, …), which would make the
 * child npm act on the workspace; the cache and registry stay, so installs come from the
 * cache `npm ci` filled.
 */
function npmEnv(): NodeJS.ProcessEnv {
  const keep = new Set(['npm_config_cache', 'npm_config_registry', 'npm_config_userconfig'])
  return Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !key.startsWith('npm_') || keep.has(key)),
  )
}

/** What an npm command printed, and how long it took. */
export interface NpmResult {
  stdout: string
  stderr: string
  ms: number
}

/** Run `npm <args>` in `cwd`; a failure throws with npm's output. */
export async function npm(args: readonly string[], cwd: string): Promise<NpmResult> {
  const started = performance.now()
  try {
    const { stdout, stderr } = await run('npm', [...args], {
      cwd,
      env: npmEnv(),
      maxBuffer: 64 * 1024 * 1024,
    })
    return { stdout, stderr, ms: performance.now() - started }
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string }
    throw new Error(`npm ${args.join(' ')} failed in ${cwd}:\n${stdout}\n${stderr}`)
  }
}

/** The flags of every install: from the cache when it has the package, nothing else asked. */
export const INSTALL_FLAGS = ['--prefer-offline', '--no-audit', '--no-fund'] as const
