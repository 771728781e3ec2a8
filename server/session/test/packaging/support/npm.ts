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

/** How long the registry may take to answer its ping before the packaging test gives up. */
const REGISTRY_PING_TIMEOUT_MS = 10_000

/**
 * Throws at once, naming the registry, when npm's registry does not answer its ping (`/-/ping`)
 * within 10 s. The installs need it even from a full cache: `npm ci` caches tarballs, not the
 * package documents an `npm install` resolves versions from, and without the registry each
 * install would retry for minutes before it failed.
 */
export async function assertRegistryReachable(cwd: string): Promise<void> {
  const { stdout } = await npm(['config', 'get', 'registry'], cwd)
  const registry = stdout.trim().replace(/\/*$/, '/')
  const failure = await fetch(`${registry}-/ping`, {
    signal: AbortSignal.timeout(REGISTRY_PING_TIMEOUT_MS),
  }).then(
    (response) => (response.ok ? null : `it answered ${response.status}`),
    (error: Error & { cause?: { code?: string; message?: string } }) =>
      error.name === 'TimeoutError'
        ? 'no answer in 10 s'
        : (error.cause?.code ?? error.cause?.message ?? error.message),
  )
  if (failure !== null) {
    throw new Error(
      `The npm registry ${registry} is not reachable (${failure}). The packaging test installs ` +
        'the packed tarballs as a user would, and npm resolves their dependencies from the ' +
        "registry's package documents (the cache `npm ci` filled holds only tarballs). Run it " +
        'where the registry answers, or point npm_config_registry at a mirror.',
    )
  }
}
