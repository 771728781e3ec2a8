import * as fs from 'node:fs'
import { createRequire } from 'node:module'
import * as os from 'node:os'
import * as path from 'node:path'
import { copyProject, demoProjectConfig } from './support/project-copy'
import {
  runWechatTools,
  type DevtoolsCompileReport,
  type ProjectReport,
  type ToolsRun,
} from './support/run-wechat-tools'
import { packSdk } from './support/sdk-tarball'
import { wechatRequire, type SubpathReading } from './support/wechat-require'

const SDK = '@header-session/client-sdk'
const demo = path.join(__dirname, '..')
const config = demoProjectConfig()

/** The files under `dir`, as sorted paths relative to it. */
function filesOf(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => fs.statSync(path.join(dir, file)).isFile())
    .map((file) => file.split(path.sep).join('/'))
    .sort()
}

/** What the JSON schema of project.config.json that miniprogram-ci ships finds wrong in `value`. */
function projectConfigErrors(value: unknown): string[] {
  const fromCi = createRequire(createRequire(__filename).resolve('miniprogram-ci'))
  const { Validator } = fromCi('jsonschema') as {
    Validator: new () => { validate(v: unknown, s: unknown): { errors: Array<{ stack: string }> } }
  }
  const schema: unknown = fromCi('miniprogram-ci/dist/schema/dist/projectconfig.js')
  return new Validator().validate(value, schema).errors.map((error) => error.stack)
}

/** The pages app.json under `root` lists. */
function pagesOf(root: string): string[] {
  return (JSON.parse(fs.readFileSync(path.join(root, 'app.json'), 'utf8')) as { pages: string[] })
    .pages
}

/**
 * Runs app.js and every page under `root` with WeChat's module rules (`pkg/sub` read as
 * `subpath` says) and gives the `Component({...})` definitions the pages registered.
 */
function loadAppAndPages(root: string, subpath: SubpathReading, loaded?: Set<string>) {
  const components: Array<{ methods: Record<string, unknown> }> = []
  const globals = {
    App: () => undefined,
    Component: (definition: { methods: Record<string, unknown> }) => components.push(definition),
    wx: {},
  }
  for (const file of ['app.js', ...pagesOf(root).map((page) => `${page}.js`)]) {
    wechatRequire(root, file, globals, { subpath, loaded })
  }
  return components
}

describe("the demo through WeChat's own tools, offline (miniprogram-ci, wcc, wcsc)", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hs-wechat-tools-'))
  const project = path.join(dir, 'project')
  const root = path.resolve(project, config.miniprogramRoot)
  const sdkOut = path.join(root, 'miniprogram_npm', SDK)
  const pages = () => pagesOf(root)
  let tarball: string
  let run: ToolsRun<ProjectReport>

  // The SDK packed as npm publishes it and installed in a copy of the demo outside this
  // repository, as a user's project has it; then Build npm, wcc, wcsc and the code-quality
  // check in one process that cannot reach the network.
  beforeAll(async () => {
    tarball = await packSdk(dir)
    await copyProject(project, tarball, 'built')
    run = await runWechatTools('project', project, dir)
  }, 240_000)
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

  it("has a project.config.json that miniprogram-ci's schema accepts", () => {
    const file = JSON.parse(fs.readFileSync(path.join(demo, 'project.config.json'), 'utf8'))
    expect(projectConfigErrors(file)).toEqual([])
    expect(projectConfigErrors({ setting: { useCompilerPlugins: ['ts'] } })).not.toEqual([])
  })

  it('opens the sources themselves: the devtools compile the TypeScript', () => {
    expect(fs.existsSync(path.join(demo, config.miniprogramRoot, 'app.ts'))).toBe(true)
    expect(config.setting.useCompilerPlugins).toEqual(['typescript'])
  })

  it('gets every page as .js, .wxml and .json from npm run build, and no TypeScript', () => {
    for (const page of pages()) {
      for (const ext of ['.js', '.wxml', '.json']) {
        expect(fs.existsSync(path.join(root, page + ext))).toBe(true)
      }
    }
    const typescript = filesOf(root).filter((file) => /\.ts$|tsconfig/.test(file))
    expect(typescript).toEqual([])
  })

  it('builds npm from the package.json that packNpmRelationList names', () => {
    expect(config.setting.packNpmManually).toBe(true)
    expect(run.report.buildNpm).toEqual([
      {
        packageJsonPath: './package.json',
        miniprogramNpmDistDir: `./${config.miniprogramRoot}`,
        miniProgramPackNum: 1,
        otherNpmPackNum: 0,
        warnList: [],
      },
    ])
  })

  it("copies the SDK's miniprogram folder, with sub.js and sub/index.js for each subpath", () => {
    const installed = path.join(project, 'node_modules', SDK)
    const pkg = JSON.parse(fs.readFileSync(path.join(installed, 'package.json'), 'utf8')) as {
      miniprogram: string
      exports: Record<string, unknown>
    }
    expect(filesOf(sdkOut)).toEqual(filesOf(path.join(installed, pkg.miniprogram)))
    expect(filesOf(sdkOut).filter((file) => !file.endsWith('.js'))).toEqual([])
    const subpaths = Object.keys(pkg.exports).filter(
      (key) => key !== '.' && key.endsWith('.json') === false,
    )
    expect(subpaths).toEqual(expect.arrayContaining(['./wx', './alipay', './tt', './fetch']))
    const missing = subpaths
      .flatMap((subpath) => [`${subpath.slice(2)}.js`, `${subpath.slice(2)}/index.js`])
      .filter((file) => !fs.existsSync(path.join(sdkOut, file)))
    expect(missing).toEqual([])
  })

  it.each<SubpathReading>(['file', 'folder'])(
    "loads the app and every page with WeChat's module rules, reading pkg/sub as a %s",
    (subpath) => {
      const components = loadAppAndPages(root, subpath)
      expect(components).toHaveLength(pages().length)
      for (const page of components) expect(typeof page.methods.onShow).toBe('function')
    },
  )

  it('makes a client over wx.request from the SDK that Build npm laid out', async () => {
    const requests: string[] = []
    const wx = {
      request: (o: { url: string }) => void requests.push(o.url),
      getStorageSync: () => '',
      setStorageSync: () => undefined,
      removeStorageSync: () => undefined,
      login: () => undefined,
    }
    const { api } = wechatRequire(root, 'api.js', { wx }) as {
      api(): { get(url: string): Promise<unknown> }
    }
    void api().get('/api/counter')
    await new Promise((resolve) => setTimeout(resolve, 10))
    expect(requests).toEqual(['http://localhost:3000/api/counter'])
  })

  it("compiles every page's WXML with wcc and app.wxss with wcsc", () => {
    expect(run.report.wxml).toEqual({
      ok: true,
      templates: Object.fromEntries(pages().map((page) => [page, true])),
    })
    expect(run.report.wxss).toMatchObject({
      ok: true,
      sheets: expect.arrayContaining(['app.wxss']),
    })
  })

  it('fails the compile on a broken WXML page', async () => {
    const fixture = path.join(__dirname, 'fixtures/broken-wxml')
    const { report } = await runWechatTools('compile', fixture, dir)
    expect(report.wxml).toEqual({
      ok: false,
      error: expect.stringMatching(/pages\/index\/index\.wxml:\d+:\d+: end tag missing/),
    })
  }, 60_000)

  it("passes every item of miniprogram-ci's code-quality check", () => {
    const names = run.report.codeQuality.map((item) => item.name)
    expect(names).toEqual(
      expect.arrayContaining(['JS_COMPRESS_OPEN', 'WXML_COMPRESS_OPEN', 'CONTAINS_UNUSED_CODES']),
    )
    expect(run.report.codeQuality.filter((item) => !item.success)).toEqual([])
  })

  // CONTAINS_UNUSED_CODES passes but lists files: they must be SDK files no page can load (the
  // other platforms' adapters, the TypeScript type-only modules), never the demo's own.
  it('lists as unused exactly the SDK files that loading the app and its pages never runs', () => {
    const loaded = new Set<string>()
    loadAppAndPages(root, 'file', loaded)
    const sdkFiles = filesOf(sdkOut).map((file) => path.join(sdkOut, file))
    const neverRun = sdkFiles
      .filter((file) => !loaded.has(file))
      .map((file) => path.relative(root, file).split(path.sep).join('/'))
    const unused = run.report.codeQuality.find((item) => item.name === 'CONTAINS_UNUSED_CODES')
    expect([...(unused?.detail as string[])].sort()).toEqual(neverRun.sort())
    expect(neverRun).toContain(`miniprogram_npm/${SDK}/alipay/index.js`)
    expect(neverRun.filter((file) => file.startsWith(`miniprogram_npm/${SDK}/wx/index`))).toEqual(
      [],
    )
  })

  it('needed no network: the checking process tried no connection and no DNS query', () => {
    expect(run.refused).toEqual([])
  })

  describe("the devtools' own compile of the TypeScript sources (useCompilerPlugins)", () => {
    const sources = path.join(dir, 'sources')
    const compiled = path.join(dir, 'compiled')
    let compile: ToolsRun<DevtoolsCompileReport>
    beforeAll(async () => {
      await copyProject(sources, tarball, 'sources')
      compile = await runWechatTools('devtools-compile', sources, dir, compiled)
    }, 180_000)

    it('compiles every page to .js next to its .wxml and .json, and leaves no TypeScript', () => {
      const files = compile.report.files
      for (const page of pages()) {
        expect(files).toEqual(
          expect.arrayContaining(['.js', '.wxml', '.json'].map((e) => page + e)),
        )
      }
      expect(files.filter((file) => file.endsWith('.ts') || file.includes('tsconfig'))).toEqual([])
      expect(files).toEqual(expect.arrayContaining([`miniprogram_npm/${SDK}/wx/index.js`]))
    })

    it.each<SubpathReading>(['file', 'folder'])(
      "gives pages that load with WeChat's module rules, reading pkg/sub as a %s",
      (subpath) => {
        const components = loadAppAndPages(compiled, subpath)
        expect(components).toHaveLength(pages().length)
        for (const page of components) expect(typeof page.methods.onShow).toBe('function')
      },
    )

    // getCompiledResult asks WeChat for the file types a package may hold; refused, it goes on
    // with its own list. Nothing else is tried.
    it("tries no server but WeChat's, and compiles without it", () => {
      const others = compile.refused.filter((target) => !/\bservicewechat\.com:443$/.test(target))
      expect(others).toEqual([])
    })
  })
})
