import { cp, mkdir, readFile, symlink } from 'node:fs/promises'
import { join, relative } from 'node:path'
import { npm } from './npm'

/** The repository root (this file is server/session/test/packaging/support/). */
export const REPO_ROOT = join(__dirname, '../../../../..')

/** The package.json fields the tests read. */
export interface PackageManifest {
  name: string
  version: string
  license?: string
  engines?: Record<string, string>
  main?: string
  types?: string
  exports?: Record<string, unknown>
  typesVersions?: Record<string, Record<string, string[]>>
  dependencies?: Record<string, string>
}

/** A tarball made by `npm pack`, with what npm says about it. */
export interface PackedPackage {
  manifest: PackageManifest
  /** The staged copy it was packed from (its README.md is the one in the tarball). */
  dir: string
  /** Absolute path of the `.tgz`. */
  tarball: string
  /** Bytes of the `.tgz`. */
  size: number
  /** Bytes of its files once unpacked. */
  unpackedSize: number
  /** The paths inside the package (`dist/index.js`, `README.md`, …). */
  files: string[]
}

/** Folders of a package that its own build makes, or that no build reads. */
const NOT_SOURCES = new Set(['node_modules', 'dist', 'build', 'test', 'coverage', 'data'])

/**
 * Pack the workspace package in `packageDir` (relative to the repository root) as a
 * maintainer's `npm pack` would, but from a copy of its sources in `tmp`: its `prepack` builds
 * the copy, so the tarball holds exactly what the sources build to, and the workspace's own
 * `dist` (which other test files run) is never deleted or rewritten under them. The copy keeps
 * the repository's layout (the package's tsconfig extends `tsconfig.base.json`, its prepack
 * reads `docs/`) and sees the workspace's `node_modules` for its build tools.
 */
export async function packFromSources(packageDir: string, tmp: string): Promise<PackedPackage> {
  const stage = join(tmp, 'stage', packageDir.replace(/\//g, '-'))
  const staged = join(stage, packageDir)
  await mkdir(staged, { recursive: true })
  await cp(join(REPO_ROOT, 'tsconfig.base.json'), join(stage, 'tsconfig.base.json'))
  await cp(join(REPO_ROOT, 'docs'), join(stage, 'docs'), { recursive: true })
  const source = join(REPO_ROOT, packageDir)
  await cp(source, staged, {
    recursive: true,
    filter: (path) => !NOT_SOURCES.has(relative(source, path).split(/[\\/]/)[0] ?? ''),
  })
  await symlink(join(REPO_ROOT, 'node_modules'), join(stage, 'node_modules'), 'dir')

  const into = join(tmp, 'tarballs')
  await mkdir(into, { recursive: true })
  const { stdout } = await npm(['pack', '--json', '--pack-destination', into], staged)
  // The prepack's own output comes first on stdout; npm's report is the JSON array after it.
  const json = stdout.slice(stdout.search(/^\[$/m))
  const [report] = JSON.parse(json) as {
    filename: string
    size: number
    unpackedSize: number
    files: { path: string }[]
  }[]
  if (!report) throw new Error(`npm pack printed no report in ${staged}`)
  return {
    manifest: JSON.parse(await readFile(join(staged, 'package.json'), 'utf8')) as PackageManifest,
    dir: staged,
    tarball: join(into, report.filename),
    size: report.size,
    unpackedSize: report.unpackedSize,
    files: report.files.map((file) => file.path),
  }
}
