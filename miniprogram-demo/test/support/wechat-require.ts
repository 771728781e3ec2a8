import * as fs from 'node:fs'
import * as path from 'node:path'

/** The globals a mini-program's JavaScript runs with (`wx`, `Component`, `App`, ...). */
export type MiniGlobals = Record<string, unknown>

/**
 * How `require('pkg/sub')` is read. WeChat documents only that `pkg` means `pkg/index.js`;
 * `'file'` reads `pkg/sub` as `pkg/sub.js`, `'folder'` as `pkg/sub/index.js`.
 */
export type SubpathReading = 'file' | 'folder'

/** Options of {@link wechatRequire}. */
export interface WechatRequireOptions {
  /** How a package subpath is resolved. Default: `'file'`. */
  subpath?: SubpathReading
  /** Receives the absolute path of every file that runs. */
  loaded?: Set<string>
}

/**
 * Runs a built mini-program file with WeChat's module rules, not Node's: a relative `require`
 * names a file (`.js` may be left out). A bare one names a file beside the requiring one first
 * (WeChat's `require` reference: `require('common.js')` from a page), else it is looked up in
 * the `miniprogram_npm` folders from the file's folder up to `root`, `pkg` meaning
 * `pkg/index.js` and `pkg/sub` meaning `pkg/sub.js` or `pkg/sub/index.js` (`options.subpath`).
 * No node_modules, no folder index for relative paths, no package.json: what works here under
 * both readings works in the devtools.
 */
export function wechatRequire(
  miniprogramRoot: string,
  file: string,
  globals: MiniGlobals,
  options: WechatRequireOptions = {},
): unknown {
  const root = path.resolve(miniprogramRoot)
  const cache = new Map<string, { exports: unknown }>()
  const names = Object.keys(globals)
  const subpath = options.subpath ?? 'file'

  function resolve(from: string, request: string): string {
    const withJs = (p: string) => (p.endsWith('.js') ? p : `${p}.js`)
    const beside = withJs(path.join(path.dirname(from), request))
    if (request.startsWith('.') || fs.existsSync(beside)) return beside
    const isPackage = request.split('/').length === (request.startsWith('@') ? 2 : 1)
    const asFile = subpath === 'file' || request.endsWith('.js')
    const asSubpath = asFile ? withJs(request) : `${request}/index.js`
    const wanted = isPackage ? `${request}/index.js` : asSubpath
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
    options.loaded?.add(absolute)
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
