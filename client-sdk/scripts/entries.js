/** The package's entry points: `.`, one subpath per platform adapter, and `to-fetch`. */
const ADAPTERS = ['wx', 'fetch', 'alipay', 'tt', 'qq', 'swan', 'uni', 'taro', 'to-fetch']

/** Output name (without extension) → source file, relative to the package. */
function entryPoints() {
  const entries = { index: 'src/index.ts' }
  for (const name of ADAPTERS) entries[`${name}/index`] = `src/${name}/index.ts`
  return entries
}

module.exports = { ADAPTERS, entryPoints }
