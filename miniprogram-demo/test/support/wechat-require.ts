import * as fs from 'node:fs'
import * as path from 'node:path'

/** The globals a mini-program's JavaScript runs with (`wx`, `Component`, `App`, ...). */
export type MiniGlobals = Record<string, unknown>

/**
 * Runs a built mini-program file with WeChat's module rules, not Node's: a relative `require`
 * names a file (`.js` may be left out); a bare one (`pkg`, `pkg/sub`) is looked up in the
 * `miniprogram_npm` folders from the file's folder up to `root`, `pkg` meaning `pkg/index.js`
 * and `pkg/sub` meaning `pkg/sub.js`. No node_modules, no folder index for relative paths, no
 * package.json: what works here works in the devtools.
 */
export function wechatRequire(root: string, file: string, globals: MiniGlobals): unknown {
  const cache = new Map<string, { exports: unknown }>()
  const names = Object.keys(globals)

  function resolve(from: string, request: string): string {
    const withJs = (p: string) => (p.endsWith('.js') ? p : `${p}.js`)
    if (request.startsWith('.')) return withJs(path.join(path.dirname(from), request))
    const isPackage = request.split('/').length === (request.startsWith('@') ? 2 : 1)
    const wanted = isPackage ? `${request}/index.js` : withJs(request)
    for (let dir = path.dirname(from); dir.startsWith(root); dir = path.dirname(dir)) {
      const candidate = path.join(dir, 'miniprogram_npm', wanted)
      if (fs.existsSync(candidate)) return candidate
      if (dir === root) break
    }
    throw new Error(`WeChat cannot resolve '${request}' from ${path.relative(root, from)}`)
  }

  function load(absolute: string): unknown {
    const cached = cache.get(absolute)
    if (cached) return cached.exports
    if (!fs.existsSync(absolute)) throw new Error(`no file ${path.relative(root, absolute)}`)
    const module = { exports: {} as unknown }
    cache.set(absolute, module)
    const run = new Function(
      'require',
      'module',
      'exports',
      ...names,
      fs.readFileSync(absolute, 'utf8'),
    )
    run(
      (request: string) => load(resolve(absolute, request)),
      module,
      module.exports,
      ...names.map((n) => globals[n]),
    )
    return module.exports
  }

  return load(path.join(root, file))
}
