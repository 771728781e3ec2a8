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
  return { ok: true, sheets: [...result.matchAll(/'([^']+\.wxss)':/g)].map((match) => match[1]) }
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

/** checkCodeQuality's items. Its Project wants a key file; nothing is signed or uploaded. */
async function checkCodeQuality(projectPath, config) {
  const privateKeyPath = path.join(projectPath, 'unused-upload.key')
  fs.writeFileSync(privateKeyPath, 'no upload is made\n')
  const project = new (ci().Project)({
    appid: config.appid,
    type: 'miniProgram',
    projectPath,
    privateKeyPath,
    ignores: ['node_modules/**/*'],
  })
  const items = await ci().checkCodeQuality(project)
  return items.map(({ name, success, text, detail }) => ({ name, success, text, detail }))
}

async function main([command, folder, reportPath]) {
  const target = path.resolve(folder)
  let report
  if (command === 'compile') {
    report = { wxml: compileWxml(target), wxss: compileWxss(target) }
  } else if (command === 'project') {
    const config = JSON.parse(fs.readFileSync(path.join(target, 'project.config.json'), 'utf8'))
    const root = path.join(target, config.miniprogramRoot ?? '')
    const buildNpmResults = await buildNpm(target, config.setting ?? {})
    report = {
      buildNpm: buildNpmResults,
      wxml: compileWxml(root),
      wxss: compileWxss(root),
      codeQuality: await checkCodeQuality(target, config),
    }
  } else {
    throw new Error(`unknown command ${command}: project or compile`)
  }
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
