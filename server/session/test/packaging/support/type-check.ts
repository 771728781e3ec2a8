import { execFile } from 'node:child_process'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'

/**
 * How a user's TypeScript resolves the package: `nodenext` (Node's own rules, `import` and
 * `require` conditions by file format), `bundler` (`import` condition, no extensions needed)
 * or `node10` (no `exports`: `main`/`types` and `typesVersions`).
 */
export type Resolution = 'nodenext' | 'bundler' | 'node10'

const MODULE_OPTIONS: Record<Resolution, Record<string, string>> = {
  nodenext: { module: 'nodenext', moduleResolution: 'nodenext' },
  bundler: { module: 'esnext', moduleResolution: 'bundler' },
  // Deprecated by TypeScript 6 (an error unless silenced, as its users must), still in use.
  node10: { module: 'commonjs', moduleResolution: 'node10', ignoreDeprecations: '6.0' },
}

/**
 * Compile `files` of the project in `dir` with its own TypeScript, the strict options a new
 * project starts with and no `skipLibCheck` (so the package's own `.d.ts` are checked too).
 * With `outDir` it also emits (`.cts` → `.cjs`, `.mts` → `.mjs` under nodenext); a type error
 * throws with the compiler's output. `types`: the @types packages the project names (`['node']`
 * for a program that imports Node's modules).
 */
export async function compile(
  dir: string,
  resolution: Resolution,
  files: readonly string[],
  outDir?: string,
  types: readonly string[] = [],
): Promise<void> {
  const config = {
    compilerOptions: {
      ...MODULE_OPTIONS[resolution],
      target: 'es2022',
      strict: true,
      noUncheckedIndexedAccess: true,
      esModuleInterop: true,
      skipLibCheck: false,
      // TypeScript 6 loads no @types package unless named here (its default is now []).
      types,
      ...(outDir ? { outDir, rootDir: '.' } : { noEmit: true }),
    },
    files,
  }
  const project = join(dir, `tsconfig.${resolution}.json`)
  await writeFile(project, JSON.stringify(config, null, 2) + '\n')
  const tsc = join(dir, 'node_modules/typescript/bin/tsc')
  try {
    await promisify(execFile)(process.execPath, [tsc, '-p', project], { cwd: dir })
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string }
    throw new Error(`tsc (${resolution}) failed:\n${stdout}${stderr}`)
  }
}
