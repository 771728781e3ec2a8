/**
 * Runs WeChat's own tools on a mini-program project and writes what they said to a JSON file.
 * The test starts it in a process of its own, with the network refused (refuse-network.js).
 *
 *   node wechat-tools.js project <project folder> <report.json>
 *     Build npm as the devtools do when project.config.json sets `packNpmManually`
 *     (miniprogram-ci's packNpmManually, once per `packNpmRelationList` entry), then wcc and
 *     wcsc on the `miniprogramRoot`, then miniprogram-ci's checkCodeQuality.
 *   node wechat-tools.js compile <mini-program root> <report.json>
 *     wcc and wcsc only.
 *   node wechat-tools.js devtools-compile <project folder> <report.json> <output folder>
 *     Build npm, then the devtools' own compile of the project (miniprogram-ci's
 *     getCompiledResult, with project.config.json's `setting`: its TypeScript compile plugin),
 *     written file by file into the output folder.
 */
const fs = require('node:fs')
const path = require('node:path')
const compiler = require('miniprogram-compiler')

/** miniprogram-ci, loaded only when needed: it takes a second or two to start. */
const ci = () => require('miniprogram-ci')

/** The pages of `app.json` under `root`. */
function pagesOf(root) {
  return JSON.parse(fs.readFileSync(path.join(root, 'app.json'), 'utf8')).pages
}

/**
 * wcc on every .wxml under `root`: the error it printed, or for each page whether the generated
 * code has a template for it (`$gwx('<page>.wxml')` is a function).
 */
function compileWxml(root) {
  let source
  try {
    source = compiler.wxmlToJs(root)
  } catch (error) {
    return { ok: false, error: error.message }
  }
  const $gwx = new Function('window', 'global', source)({}, {})
  const templates = {}
  for (const page of pagesOf(root)) templates[page] = typeof $gwx(`${page}.wxml`) === 'function'
  return { ok: true, templates }
}

/** wcsc on every .wxss under `root`: the error it printed, or the style sheets it compiled. */
function compileWxss(root) {
  const result = compiler.wxssToJs(root)
  if (result instanceof Error) return { ok: false, error: result.message }
  const sheets = [...result.matchAll(/'(?:\.\/)?([^']+\.wxss)':/g)].map((match) => match[1])
  return { ok: true, sheets: [...new Set(sheets)] }
}

/** Build npm, once per `packNpmRelationList` entry, paths taken from the project folder. */
async function buildNpm(projectPath, setting) {
  const results = []
  for (const entry of setting.packNpmRelationList ?? []) {
    const result = await ci().packNpmManually({
      packageJsonPath: path.join(projectPath, entry.packageJsonPath),
      miniprogramNpmDistDir: path.join(projectPath, entry.miniprogramNpmDistDir),
    })
    results.push({ ...entry, ...result, warnList: result.warnList.map((warning) => warning.msg) })
  }
  return results
}

/** The key file miniprogram-ci's Project wants: nothing is signed or uploaded here. */
function writeKey(projectPath) {
  const privateKeyPath = path.join(projectPath, 'unused-upload.key')
  fs.writeFileSync(privateKeyPath, 'no upload is made\n')
  return privateKeyPath
}

/** checkCodeQuality's items. */
async function checkCodeQuality(projectPath, config) {
  const project = new (ci().Project)({
    appid: config.appid,
    type: 'miniProgram',
    projectPath,
    privateKeyPath: writeKey(projectPath),
    ignores: ['node_modules/**/*'],
  })
  const items = await ci().checkCodeQuality(project)
  return items.map(({ name, success, text, detail }) => ({ name, success, text, detail }))
}

/**
 * The devtools' compile of the project into `outDir`. getCompiledResult asks the project's
 * attributes (base library, features) from WeChat's servers; offline, the module's defaults.
 */
async function devtoolsCompile(projectPath, config, outDir) {
  const project = new (ci().Project)({
    appid: config.appid,
    type: 'miniProgram',
    projectPath,
    privateKeyPath: writeKey(projectPath),
    ignores: ['node_modules/**/*'],
  })
  project.attr = async () => ci().DefaultProjectAttr
  const files = await ci().getCompiledResult({ project, setting: config.setting ?? {} })
  for (const [file, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(outDir, file)), { recursive: true })
    fs.writeFileSync(path.join(outDir, file), content)
  }
  return Object.keys(files).sort()
}

/** The project's project.config.json, and its mini-program root. */
function readProject(projectPath) {
  const file = path.join(projectPath, 'project.config.json')
  const config = JSON.parse(fs.readFileSync(file, 'utf8'))
  return { config, root: path.join(projectPath, config.miniprogramRoot ?? '') }
}

/** Each command's report, from its folder (and output folder). */
const COMMANDS = {
  async compile(root) {
    return { wxml: compileWxml(root), wxss: compileWxss(root) }
  },
  async project(projectPath) {
    const { config, root } = readProject(projectPath)
    return {
      buildNpm: await buildNpm(projectPath, config.setting ?? {}),
      wxml: compileWxml(root),
      wxss: compileWxss(root),
      codeQuality: await checkCodeQuality(projectPath, config),
    }
  },
  async 'devtools-compile'(projectPath, outDir) {
    const { config } = readProject(projectPath)
    return {
      buildNpm: await buildNpm(projectPath, config.setting ?? {}),
      files: await devtoolsCompile(projectPath, config, outDir),
    }
  },
}

async function main([command, folder, reportPath, outDir]) {
  if (!Object.hasOwn(COMMANDS, command)) {
    throw new Error(`unknown command ${command}: ${Object.keys(COMMANDS).join(', ')}`)
  }
  const report = await COMMANDS[command](path.resolve(folder), outDir && path.resolve(outDir))
  fs.writeFileSync(reportPath, JSON.stringify(report, null, 2))
}

main(process.argv.slice(2)).then(
  // miniprogram-ci leaves a file watcher running: end the process once the report is written.
  () => process.exit(0),
  (error) => {
    console.error(error && error.stack ? error.stack : error)
    process.exit(1)
  },
)
