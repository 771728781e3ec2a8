import { execFileSync } from 'node:child_process'
import * as fs from 'node:fs'
import { createRequire } from 'node:module'
import * as os from 'node:os'
import * as path from 'node:path'
import { wechatRequire } from './support/wechat-require'

describe('npm run build', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hs-miniprogram-build-'))
  const out = path.join(dir, 'out')
  beforeAll(() => {
    // A private SDK build: client-sdk's own tests rebuild client-sdk/dist while these run.
    // Types are `npm run typecheck`'s business; this is about the layout WeChat loads.
    const sdk = path.join(dir, 'sdk')
    const tsc = createRequire(__filename).resolve('typescript/bin/tsc')
    const sdkProject = path.join(__dirname, '../../client-sdk/tsconfig.json')
    const run = (args: string[]) => execFileSync(process.execPath, args, { stdio: 'pipe' })
    run([tsc, '-p', sdkProject, '--outDir', sdk, '--tsBuildInfoFile', `${sdk}.tsbuildinfo`])
    run([path.join(__dirname, '../scripts/build.js'), '--out', out, '--sdk', sdk, '--no-typecheck'])
  }, 120_000)
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

  const appJson = () =>
    JSON.parse(fs.readFileSync(path.join(out, 'app.json'), 'utf8')) as { pages: string[] }

  it('writes every page as .js, .wxml and .json, and the SDK into miniprogram_npm', () => {
    for (const page of appJson().pages) {
      for (const ext of ['.js', '.wxml', '.json']) {
        expect(fs.existsSync(path.join(out, page + ext))).toBe(true)
      }
    }
    const sdk = path.join(out, 'miniprogram_npm/@header-session/client-sdk')
    expect(fs.existsSync(path.join(sdk, 'index.js'))).toBe(true)
    expect(fs.existsSync(path.join(sdk, 'wx.js'))).toBe(true)
    expect(fs.readdirSync(out)).not.toContain('tsconfig.json')
  })

  it("loads the app and every page with WeChat's module resolution", () => {
    const components: Array<{ methods: Record<string, unknown> }> = []
    const globals = {
      App: () => undefined,
      Component: (definition: { methods: Record<string, unknown> }) => components.push(definition),
      wx: {},
    }
    wechatRequire(out, 'app.js', globals)
    for (const page of appJson().pages) wechatRequire(out, `${page}.js`, globals)
    expect(components).toHaveLength(5)
    for (const page of components) expect(typeof page.methods.onShow).toBe('function')
  })

  it('makes a client over wx.request from the copied SDK', () => {
    const requests: string[] = []
    const wx = {
      request: (o: { url: string }) => void requests.push(o.url),
      getStorageSync: () => '',
      setStorageSync: () => undefined,
      removeStorageSync: () => undefined,
      login: () => undefined,
    }
    const { api } = wechatRequire(out, 'api.js', { wx }) as {
      api(): { get(url: string): Promise<unknown> }
    }
    void api().get('/api/counter')
    return new Promise((resolve) => setTimeout(resolve, 10)).then(() =>
      expect(requests).toEqual(['http://localhost:3000/api/counter']),
    )
  })
})
