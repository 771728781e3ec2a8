import { join } from 'node:path'
import ts from 'typescript'

/**
 * The declarations of `@header-session/koa/sql`, emitted in memory from the sources the way
 * the build emits them (`tsconfig.json`). A user on PostgreSQL or MySQL compiles them without
 * `sqlite3` (an optional package), so none of them may name it.
 */
function sqlDeclarations(): Map<string, string> {
  const root = join(__dirname, '..')
  const config = ts.getParsedCommandLineOfConfigFile(
    join(root, 'tsconfig.json'),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'))
      },
    },
  )
  if (!config) throw new Error('no tsconfig.json')
  const options = {
    ...config.options,
    emitDeclarationOnly: true,
    noEmit: false,
    incremental: false,
  }
  const program = ts.createProgram([join(root, 'src/stores/sql/index.ts')], options)
  const out = new Map<string, string>()
  program.emit(undefined, (file, text) => {
    if (file.includes('/stores/sql/')) out.set(file.slice(file.indexOf('/stores/sql/') + 1), text)
  })
  return out
}

describe('the ./sql declarations', () => {
  it('never name the optional sqlite3 package', () => {
    const declarations = sqlDeclarations()
    expect([...declarations.keys()]).toContain('stores/sql/sqlite-reader.d.ts')
    const naming = [...declarations].filter(([, text]) => /['"]sqlite3['"]/.test(text))
    expect(naming.map(([file]) => file)).toEqual([])
  })
})
