import * as path from 'node:path'
import * as ts from 'typescript'

/** The diagnostics of the type-test project in this folder, one line each. */
function typeErrors(): string[] {
  const configPath = path.join(__dirname, 'tsconfig.json')
  const { config } = ts.readConfigFile(configPath, (file) => ts.sys.readFile(file))
  const parsed = ts.parseJsonConfigFileContent(config, ts.sys, __dirname)
  const program = ts.createProgram(parsed.fileNames, parsed.options)
  return ts.getPreEmitDiagnostics(program).map((diagnostic) => {
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')
    if (!diagnostic.file || diagnostic.start === undefined) return message
    const { line } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start)
    return `${path.relative(__dirname, diagnostic.file.fileName)}:${line + 1}: ${message}`
  })
}

describe('types against the official platform typings', () => {
  it('compiles the adapters with miniprogram-api-typings 5.2.3, no cast', () => {
    expect(typeErrors()).toEqual([])
  }, 30000)
})
