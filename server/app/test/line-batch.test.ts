import { spawnSync } from 'node:child_process'
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import ts from 'typescript'
import { createLineBatch } from '../src/logging/line-batch'

const turnEnd = () => new Promise((resolve) => setImmediate(resolve))

describe('createLineBatch', () => {
  let dir: string
  let file: string
  let fd: number
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'hs-lines-'))
    file = join(dir, 'out.log')
    fd = openSync(file, 'w')
  })
  afterEach(() => {
    closeSync(fd)
    rmSync(dir, { recursive: true, force: true })
  })
  const written = () => readFileSync(file, 'utf8')

  it('writes the lines of one turn together, in order, when the turn ends', async () => {
    const batch = createLineBatch(fd)
    batch.write('{"level":30,"msg":"a"}\n')
    batch.write('{"level":30,"msg":"b"}\n')
    expect(written()).toBe('')
    await turnEnd()
    expect(written()).toBe('{"level":30,"msg":"a"}\n{"level":30,"msg":"b"}\n')
    batch.write('{"level":40,"msg":"c"}\n')
    await turnEnd()
    expect(written()).toMatch(/"b"}\n\{"level":40,"msg":"c"}\n$/)
  })

  it('writes an error or fatal line at once, with the lines before it', () => {
    const batch = createLineBatch(fd)
    batch.write('{"level":30,"msg":"before"}\n')
    batch.write('{"level":50,"msg":"failed"}\n')
    expect(written()).toBe('{"level":30,"msg":"before"}\n{"level":50,"msg":"failed"}\n')
    batch.write('{"level":60,"msg":"fatal"}\n')
    expect(written()).toMatch(/"fatal"}\n$/)
  })

  it('does not wait for the end of the turn once 64 K characters are kept', () => {
    const batch = createLineBatch(fd)
    const line = `{"level":30,"msg":"${'x'.repeat(1000)}"}\n`
    for (let count = 0; count < 70; count++) batch.write(line)
    expect(written().length).toBeGreaterThanOrEqual(65_536)
    expect(written().length % line.length).toBe(0)
    batch.flushSync()
    expect(written().length).toBe(70 * line.length)
  })

  it.each([
    ['process.exit', 'process.exit(3)', 3],
    ['an uncaught exception', 'throw new Error("boom")', 1],
  ])('writes what it keeps when the process ends by %s', (_how, ending, code) => {
    // The module as JavaScript beside the script, pino found where the tests find it.
    const source = readFileSync(join(__dirname, '../src/logging/line-batch.ts'), 'utf8')
    const compiled = ts.transpileModule(source, {
      compilerOptions: { module: ts.ModuleKind.CommonJS, esModuleInterop: true },
    })
    writeFileSync(join(dir, 'line-batch.js'), compiled.outputText)
    writeFileSync(
      join(dir, 'main.js'),
      `const { createLineBatch } = require('./line-batch')
      const lines = createLineBatch(1)
      lines.write('{"level":30,"msg":"kept"}\\n')
      process.on('exit', () => lines.write('{"level":30,"msg":"said while exiting"}\\n'))
      ${ending}`,
    )
    const run = spawnSync(process.execPath, [join(dir, 'main.js')], {
      env: { ...process.env, NODE_PATH: dirname(dirname(require.resolve('pino/package.json'))) },
      encoding: 'utf8',
      timeout: 20_000,
    })
    expect(run.status).toBe(code)
    expect(run.stdout).toBe('{"level":30,"msg":"kept"}\n{"level":30,"msg":"said while exiting"}\n')
  })
})
