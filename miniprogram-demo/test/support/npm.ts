import { execFile } from 'node:child_process'
import { promisify } from 'node:util'

const run = promisify(execFile)

/**
 * This process's environment without the `npm_*` variables an enclosing `npm test` sets
 * (`npm_config_workspace`, `npm_package_*`, …): they would make npm in a temp folder act on
 * the repository's workspaces. The cache and registry settings stay.
 */
function npmEnv(): NodeJS.ProcessEnv {
  const keep = new Set(['npm_config_cache', 'npm_config_registry', 'npm_config_userconfig'])
  return Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !key.startsWith('npm_') || keep.has(key)),
  )
}

/** Runs `npm <args>` in `cwd` and gives its output; a failure throws with what npm printed. */
export async function npm(args: readonly string[], cwd: string): Promise<string> {
  try {
    const { stdout } = await run('npm', [...args], { cwd, env: npmEnv(), maxBuffer: 16 << 20 })
    return stdout
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string }
    throw new Error(`npm ${args.join(' ')} failed in ${cwd}:\n${stdout}\n${stderr}`)
  }
}
