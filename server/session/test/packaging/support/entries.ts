import { execFile } from 'node:child_process'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'

/** What one entry point of a package looks like through `import` and through `require`. */
export interface EntryComparison {
  /** Its exports, by `import` (ESM) and by `require` (CommonJS), sorted. */
  esm: string[]
  cjs: string[]
  /** The exports whose ESM value is not the very CommonJS value (a second copy). */
  copies: string[]
}

/**
 * Load each `specifier` of a package installed in `dir` both ways, in one Node process:
 * a dual-package hazard (a second copy of a class behind `import`) shows as `copies`.
 */
export async function compareEntries(
  dir: string,
  specifiers: readonly string[],
): Promise<Record<string, EntryComparison>> {
  const script = join(dir, 'compare-entries.mjs')
  await writeFile(
    script,
    [
      "import { createRequire } from 'node:module'",
      'const require = createRequire(import.meta.url)',
      'const result = {}',
      `for (const specifier of ${JSON.stringify(specifiers)}) {`,
      '  const esm = await import(specifier)',
      '  const cjs = require(specifier)',
      '  result[specifier] = {',
      '    esm: Object.keys(esm).sort(),',
      '    cjs: Object.keys(cjs).sort(),',
      '    copies: Object.keys(esm).filter((name) => name in cjs && esm[name] !== cjs[name]),',
      '  }',
      '}',
      'console.log(JSON.stringify(result))',
    ].join('\n'),
  )
  const { stdout } = await promisify(execFile)(process.execPath, [script], { cwd: dir })
  return JSON.parse(stdout) as Record<string, EntryComparison>
}
