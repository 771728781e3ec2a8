import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

/**
 * The client SDK's own size report (`npm run size -w client-sdk`), or null while the SDK has
 * no such script.
 */
export function sdkSize(root = join(__dirname, '..', '..')): string | null {
  const manifest = join(root, 'client-sdk', 'package.json')
  if (!existsSync(manifest)) return null
  const scripts = (
    JSON.parse(readFileSync(manifest, 'utf8')) as { scripts?: Record<string, string> }
  ).scripts
  if (!scripts?.size) return null
  try {
    const output = execFileSync('npm', ['run', '--silent', 'size', '-w', 'client-sdk'], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    return ['Output of `npm run size -w client-sdk`:', '', '```', output.trim(), '```'].join('\n')
  } catch (error) {
    return `\`npm run size -w client-sdk\` failed: ${String(error).split('\n')[0]}`
  }
}
