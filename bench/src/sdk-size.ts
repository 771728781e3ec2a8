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
  const report = (output: string, note = ''): string =>
    ['Output of `npm run size -w client-sdk`' + note + ':', '', '```', output.trim(), '```'].join(
      '\n',
    )
  try {
    return report(
      execFileSync('npm', ['run', '--silent', 'size', '-w', 'client-sdk'], {
        cwd: root,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      }),
    )
  } catch (error) {
    // The script exits non-zero when the SDK is over its size budget; its report still counts.
    const { stdout, status } = error as { stdout?: string; status?: number }
    if (stdout) return report(stdout, ` (it exited with status ${status})`)
    return `\`npm run size -w client-sdk\` failed: ${String(error).split('\n')[0]}`
  }
}
