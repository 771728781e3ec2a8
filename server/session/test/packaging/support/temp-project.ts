import { readFile, writeFile, mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { INSTALL_FLAGS, npm, type NpmResult } from './npm'

/** One package in a project's `node_modules`. */
export interface InstalledPackage {
  name: string
  version: string
  /** Where it sits: `node_modules/koa`, `node_modules/a/node_modules/b`. */
  path: string
}

/** An npm project of its own, outside the workspace, as a user's app is. */
export interface TempProject {
  dir: string
  /** `npm install <args>` with the cache-first flags. */
  install(args: readonly string[]): Promise<NpmResult>
  /** Every package its `node_modules` holds, nested copies included. */
  installed(): Promise<InstalledPackage[]>
}

/**
 * Create an empty project in `dir`. `allowScripts` lists the packages whose install script may
 * run (npm 11 asks for it; sqlite3 builds its binding in one).
 */
export async function createProject(
  dir: string,
  options: { allowScripts?: readonly string[] } = {},
): Promise<TempProject> {
  await mkdir(dir, { recursive: true })
  const manifest: Record<string, unknown> = { name: 'hs-packaging-app', private: true }
  if (options.allowScripts) {
    manifest.allowScripts = Object.fromEntries(options.allowScripts.map((name) => [name, true]))
  }
  await writeFile(join(dir, 'package.json'), JSON.stringify(manifest, null, 2) + '\n')
  return {
    dir,
    install: (args) => npm(['install', ...INSTALL_FLAGS, ...args], dir),
    installed: () => installedPackages(dir),
  }
}

/** The packages npm placed in `dir`, from the lockfile it keeps inside `node_modules`. */
async function installedPackages(dir: string): Promise<InstalledPackage[]> {
  const lock = JSON.parse(await readFile(join(dir, 'node_modules/.package-lock.json'), 'utf8')) as {
    packages: Record<string, { version?: string; link?: boolean }>
  }
  return Object.entries(lock.packages)
    .filter(([path, entry]) => path !== '' && !entry.link)
    .map(([path, entry]) => ({
      name: path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length),
      version: entry.version ?? '',
      path,
    }))
}
