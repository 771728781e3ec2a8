import { execFileSync } from 'node:child_process'
import * as fs from 'node:fs'
import * as path from 'node:path'
import { npm } from './npm'

const demo = path.join(__dirname, '../..')

/** The fields of project.config.json the tests read. */
export interface ProjectConfig {
  appid: string
  miniprogramRoot: string
  setting: {
    packNpmManually?: boolean
    packNpmRelationList?: Array<{ packageJsonPath: string; miniprogramNpmDistDir: string }>
  } & Record<string, unknown>
}

/** The demo's project.config.json. */
export function demoProjectConfig(): ProjectConfig {
  return JSON.parse(
    fs.readFileSync(path.join(demo, 'project.config.json'), 'utf8'),
  ) as ProjectConfig
}

/** What the copy's `miniprogramRoot` holds: `npm run build`'s JavaScript, or the sources. */
export type CopiedPages = 'built' | 'sources'

/**
 * The demo as a user's project outside this repository, in `dir`: its project.config.json;
 * its `miniprogramRoot` holding the pages (`'built'`: as the devtools compile them, by
 * `npm run build` with types left to `npm run typecheck`; `'sources'`: the TypeScript, as the
 * devtools open it); and a package.json whose only dependency is the SDK, installed from
 * `tarball` (`npm install --prefer-offline`), so node_modules holds the packed SDK and nothing
 * else. Build npm has not run yet.
 */
export async function copyProject(dir: string, tarball: string, pages: CopiedPages): Promise<void> {
  const config = demoProjectConfig()
  fs.mkdirSync(dir, { recursive: true })
  fs.copyFileSync(path.join(demo, 'project.config.json'), path.join(dir, 'project.config.json'))
  const root = path.join(dir, config.miniprogramRoot)
  if (pages === 'built') {
    const build = path.join(demo, 'scripts/build.js')
    execFileSync(process.execPath, [build, '--out', root, '--no-typecheck'], { stdio: 'pipe' })
  } else {
    const sources = path.join(demo, config.miniprogramRoot)
    fs.cpSync(sources, root, {
      recursive: true,
      filter: (file) => !path.relative(sources, file).startsWith('miniprogram_npm'),
    })
  }
  const { name } = JSON.parse(fs.readFileSync(path.join(demo, 'package.json'), 'utf8')) as {
    name: string
  }
  fs.writeFileSync(
    path.join(dir, 'package.json'),
    `${JSON.stringify({ name, version: '0.0.0', private: true }, null, 2)}\n`,
  )
  await npm(['install', '--prefer-offline', '--no-audit', '--no-fund', tarball], dir)
}
