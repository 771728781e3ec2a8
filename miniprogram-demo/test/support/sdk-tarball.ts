import * as fs from 'node:fs'
import * as path from 'node:path'
import { npm } from './npm'

const repository = path.join(__dirname, '../../..')

/** What `npm pack` of the SDK reads: its sources and scripts, and what they refer to above. */
const SDK_FILES = ['package.json', 'tsconfig.json', 'README.md', 'LICENSE', 'scripts', 'src']
const REPOSITORY_FILES = ['tsconfig.base.json', 'docs/PROTOCOL.md']

/**
 * `npm pack` of the SDK, as a user's `npm install` gets it (its `prepack` builds it clean), in
 * a copy of the package under `dir`: client-sdk's own tests rebuild client-sdk/dist while this
 * runs, and a `prepack` there would delete it under them. The copy uses the repository's
 * node_modules (TypeScript, esbuild). Gives the tarball's path.
 */
export async function packSdk(dir: string): Promise<string> {
  const copy = path.join(dir, 'repository')
  for (const file of SDK_FILES) {
    fs.cpSync(path.join(repository, 'client-sdk', file), path.join(copy, 'client-sdk', file), {
      recursive: true,
      filter: (source) => !source.endsWith('.test.ts'),
    })
  }
  for (const file of REPOSITORY_FILES) {
    fs.cpSync(path.join(repository, file), path.join(copy, file))
  }
  fs.symlinkSync(path.join(repository, 'node_modules'), path.join(copy, 'node_modules'), 'dir')
  await npm(['pack', '--pack-destination', dir], path.join(copy, 'client-sdk'))
  const [tarball, ...others] = fs.readdirSync(dir).filter((file) => file.endsWith('.tgz'))
  if (!tarball || others.length) throw new Error(`npm pack left ${tarball ?? 'nothing'} ${others}`)
  return path.join(dir, tarball)
}
