import { execFile } from 'node:child_process'
import * as fs from 'node:fs'
import * as path from 'node:path'
import { promisify } from 'node:util'

const run = promisify(execFile)
const REFUSE_NETWORK = path.join(__dirname, 'refuse-network.js')
const WECHAT_TOOLS = path.join(__dirname, 'wechat-tools.js')
/** How refuse-network.js starts each line it reports. */
const REFUSED_PREFIX = 'network refused:'

/** wcc's verdict: its error, or whether each page of app.json got a template. */
export type WxmlResult =
  { ok: true; templates: Record<string, boolean> } | { ok: false; error: string }
/** wcsc's verdict: its error, or the style sheets it compiled. */
export type WxssResult = { ok: true; sheets: string[] } | { ok: false; error: string }

/** One Build npm run (miniprogram-ci's packNpmManually) for a `packNpmRelationList` entry. */
export interface BuildNpmResult {
  packageJsonPath: string
  miniprogramNpmDistDir: string
  miniProgramPackNum: number
  otherNpmPackNum: number
  warnList: string[]
}

/** One item of miniprogram-ci's checkCodeQuality. */
export interface CodeQualityItem {
  name: string
  success: boolean
  text: string
  detail?: unknown
}

/** What wechat-tools.js reports for `compile`, and for `project`. */
export interface CompileReport {
  wxml: WxmlResult
  wxss: WxssResult
}
export interface ProjectReport extends CompileReport {
  buildNpm: BuildNpmResult[]
  codeQuality: CodeQualityItem[]
}

/** What wechat-tools.js reports for `devtools-compile`: Build npm, and the files compiled. */
export interface DevtoolsCompileReport {
  buildNpm: BuildNpmResult[]
  files: string[]
}

/** A report, and the connections and DNS queries the process tried (all refused). */
export interface ToolsRun<Report> {
  report: Report
  refused: string[]
}

/**
 * Runs wechat-tools.js (`project` or `devtools-compile` on a project folder, `compile` on a
 * mini-program root) in a process of its own whose whole tree has the network refused
 * (NODE_OPTIONS preloads refuse-network.js), and gives its report, written in `workDir`, and
 * what it tried to reach. `devtools-compile` writes the compiled files into `outDir`.
 */
export async function runWechatTools(
  command: 'project',
  folder: string,
  workDir: string,
): Promise<ToolsRun<ProjectReport>>
export async function runWechatTools(
  command: 'compile',
  folder: string,
  workDir: string,
): Promise<ToolsRun<CompileReport>>
export async function runWechatTools(
  command: 'devtools-compile',
  folder: string,
  workDir: string,
  outDir: string,
): Promise<ToolsRun<DevtoolsCompileReport>>
export async function runWechatTools(
  command: 'project' | 'compile' | 'devtools-compile',
  folder: string,
  workDir: string,
  outDir?: string,
): Promise<ToolsRun<unknown>> {
  const reportPath = path.join(workDir, `wechat-tools-${command}-${path.basename(folder)}.json`)
  const args = [WECHAT_TOOLS, command, folder, reportPath, ...(outDir ? [outDir] : [])]
  const env = { ...process.env, NODE_OPTIONS: `--require ${JSON.stringify(REFUSE_NETWORK)}` }
  const { stderr } = await run(process.execPath, args, {
    env,
    timeout: 120_000,
    maxBuffer: 16 << 20,
  })
  const report: unknown = JSON.parse(fs.readFileSync(reportPath, 'utf8'))
  const refused = stderr
    .split('\n')
    .filter((line) => line.startsWith(REFUSED_PREFIX))
    .map((line) => line.slice(REFUSED_PREFIX.length).trim())
  return { report, refused }
}
