import { execFileSync, spawnSync } from 'node:child_process'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'

const root = path.join(__dirname, '../..')
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  dependencies?: Record<string, string>
  sideEffects: boolean
  exports: Record<string, string | Record<string, string>>
  typesVersions: Record<string, Record<string, string[]>>
}
const subpaths = Object.keys(pkg.exports).filter((key) => key !== './package.json')
const node = (args: string[]) => spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8' })

describe('package build', () => {
  beforeAll(() => {
    execFileSync(process.execPath, ['scripts/build.js'], { cwd: root, stdio: 'pipe' })
  }, 60000)

  it('has no runtime dependencies and no side effects', () => {
    expect(pkg.dependencies ?? {}).toEqual({})
    expect(pkg.sideEffects).toBe(false)
  })

  it('points every export at a built file', () => {
    const targets = subpaths.flatMap((key) =>
      Object.values(pkg.exports[key] as Record<string, string>),
    )
    targets.push(...Object.values(pkg.typesVersions['*'] ?? {}).flat())
    expect(targets.filter((file) => !fs.existsSync(path.join(root, file)))).toEqual([])
  })

  it.each(subpaths)('exports the same names from CommonJS and ESM (%s)', (subpath) => {
    const name = '@header-session/client-sdk' + subpath.slice(1)
    const cjs = node([
      '-e',
      `console.log(Object.keys(require(${JSON.stringify(name)})).sort().join())`,
    ])
    const esm = node([
      '--input-type=module',
      '-e',
      `const m = await import(${JSON.stringify(name)}); console.log(Object.keys(m).sort().join())`,
    ])
    expect(cjs.stderr + esm.stderr).toBe('')
    expect(esm.stdout).toBe(cjs.stdout)
    expect(cjs.stdout.trim()).not.toBe('')
  })

  it('emits nothing newer than ES2017 (what WeChat base library 2.x runs)', () => {
    const result = node(['scripts/check-syntax.js', 'dist/cjs', 'dist/esm'])
    expect(result.stderr).toBe('')
    expect(result.status).toBe(0)
  })

  it.each([
    ['optional chaining', 'a?.b'],
    ['nullish coalescing', 'a ?? b'],
    ['object spread', 'x = { ...a }'],
    ['class fields', 'class A { x = 1 }'],
    ['optional catch binding', 'try {} catch {}'],
    ['a newer built-in', 'globalThis.x = 1'],
  ])('the syntax check catches %s', (_label, code) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'syntax-'))
    fs.writeFileSync(path.join(dir, 'bad.js'), code)
    const result = node(['scripts/check-syntax.js', dir])
    fs.rmSync(dir, { recursive: true, force: true })
    expect(result.status).toBe(1)
    expect(result.stderr).toContain('bad.js')
  })

  it('ships declarations without DOM or Node types in the core', () => {
    const declarations = fs.readFileSync(path.join(root, 'dist/cjs/core/types.d.ts'), 'utf8')
    expect(declarations).toContain('export interface Transport')
    expect(declarations).not.toMatch(/reference types=|lib="dom"/)
  })
})
