/**
 * The packages as a new user gets them: packed from their sources, installed from the tarballs
 * into projects of their own under the OS temp dir (from the npm cache `npm ci` filled), and
 * the READMEs' install lines and quick starts run as written (only their port and service
 * addresses changed): as CommonJS, as ESM, type-checked under each module resolution, over
 * HTTP on the real Redis, sqlite and PostgreSQL.
 */
import { existsSync, readFileSync } from 'node:fs'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Redis } from 'ioredis'
import Knex from 'knex'
import ts from 'typescript'
import { SERVICES, describeWith } from '../support/services'
import { freePort, runExample, waitForPort } from './support/example-process'
import { compareEntries } from './support/entries'
import { relativeLinks } from './support/markdown'
import {
  exampleImporting,
  installCommandWith,
  installCommands,
  substitute,
} from './support/quick-start'
import { sessionJourney } from './support/session-journey'
import { REPO_ROOT, packFromSources, type PackedPackage } from './support/staged-pack'
import { assertRegistryReachable } from './support/npm'
import { createProject, type TempProject } from './support/temp-project'
import { compile } from './support/type-check'

const LIBRARY = '@header-session/koa'
const SDK = '@header-session/client-sdk'
const readme = (packageDir: string) => readFile(join(REPO_ROOT, packageDir, 'README.md'), 'utf8')

/** Packages a user who installs the library for Redis did not ask for, and must not get. */
const NOT_ASKED_FOR_BY_REDIS_USERS = /^(sqlite3|pg|mysql2|pino|objection|knex|@koa\/.+)$/
/** At most this many packages may come with the library on top of koa and ioredis. */
const MAX_PACKAGES_ADDED = 5
/** The TypeScript of the workspace (so in the npm cache), for the users' type checks. */
const TYPESCRIPT = `typescript@${ts.version}`
const NODE_TYPES = `@types/node@${(JSON.parse(readFileSync(require.resolve('@types/node/package.json'), 'utf8')) as { version: string }).version}`

/** Figures printed when the run ends. */
const figures: string[] = []
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`
const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`

let tmp = ''
let library: PackedPackage
let sdk: PackedPackage
/** Tokens the Redis examples were issued: their records are deleted at the end. */
const redisTokens: string[] = []

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'hs-packaging-'))
  await assertRegistryReachable(tmp)
  ;[library, sdk] = await Promise.all([
    packFromSources('server/session', tmp),
    packFromSources('client-sdk', tmp),
  ])
  for (const { manifest, size, unpackedSize, files } of [library, sdk]) {
    figures.push(
      `${manifest.name} tarball: ${kB(size)}, ${kB(unpackedSize)} unpacked, ${files.length} files`,
    )
  }
}, 180_000)

afterAll(async () => {
  if (redisTokens.length > 0) {
    const redis = new Redis(SERVICES.redis.url)
    await redis.del(...redisTokens.map((token) => `hs:s:${token}`))
    redis.disconnect()
  }
  await sqlInstall?.catch(() => undefined)
  if (tmp) await rm(tmp, { recursive: true, force: true })
  if (figures.length > 0) console.log(`packaging figures:\n  ${figures.join('\n  ')}`)
}, 180_000)

/** A README install command, with the packages of this repository replaced by their tarballs. */
async function installLine(packageDir: string, naming: string): Promise<string[]> {
  const line = installCommandWith(installCommands(await readme(packageDir)), naming)
  return line.map((arg) => ({ [LIBRARY]: library.tarball, [SDK]: sdk.tarball })[arg] ?? arg)
}

async function writeSource(project: TempProject, name: string, code: string): Promise<void> {
  await mkdir(join(project.dir, 'src'), { recursive: true })
  await writeFile(join(project.dir, 'src', name), code)
}

/** The compiled file of `src/<name>.cts|mts`. */
const compiled = (project: TempProject, name: string, format: 'cjs' | 'esm') =>
  join(project.dir, 'out/src', `${name}.${format === 'cjs' ? 'cjs' : 'mjs'}`)
const source = (name: string, format: 'cjs' | 'esm') =>
  `${name}.${format === 'cjs' ? 'cts' : 'mts'}`
const FORMATS = ['cjs', 'esm'] as const

describe.each([
  ['library', () => library],
  ['SDK', () => sdk],
])('the tarball of the %s', (_name, packed) => {
  it('holds no build leftovers: no .tsbuildinfo, no source or declaration map', () => {
    expect(packed().files.filter((file) => /\.tsbuildinfo$|\.map$/.test(file))).toEqual([])
  })

  it('holds its LICENSE and README, and says its license and Node engines', () => {
    expect(packed().files).toEqual(expect.arrayContaining(['LICENSE', 'README.md']))
    expect(packed().manifest.license).toBe('MIT')
    expect(packed().manifest.engines?.node).toMatch(/^>=\d+/)
  })

  it('points every entry (main, types, exports, typesVersions) at a file it holds', () => {
    const { main, types, exports, typesVersions } = packed().manifest
    const targets = [main, types, JSON.stringify(exports), JSON.stringify(typesVersions)].flatMap(
      (text) => (text ?? '').match(/dist\/[^"]+/g) ?? [],
    )
    expect(targets.length).toBeGreaterThan(3)
    expect(targets.filter((target) => !packed().files.includes(target))).toEqual([])
  })

  it('links from its README only to files it holds (on npm, relative links stay inside it)', async () => {
    const text = await readFile(join(packed().dir, 'README.md'), 'utf8')
    expect(relativeLinks(text).filter((target) => !packed().files.includes(target))).toEqual([])
  })
})

it('the library ships the protocol its README names', async () => {
  expect(await readme('server/session')).toContain('`PROTOCOL.md`')
  expect(library.files).toContain('PROTOCOL.md')
})

/** The SQL user's project, installed once per run (sqlite3 builds from source, about a minute). */
let sqlInstall: Promise<TempProject> | undefined

/** Start installing the SQL project (once), beside whatever runs meanwhile. */
function sqlProject(): Promise<TempProject> {
  sqlInstall ??= (async () => {
    const project = await createProject(join(tmp, 'sql-app'), { allowScripts: ['sqlite3'] })
    const { ms } = await project.install(await installLine('server/session', 'knex'))
    figures.push(`npm install ${LIBRARY} koa knex sqlite3: ${seconds(ms)} (sqlite3 built)`)
    await project.install(['pg'])
    await project.install([...(await installLine('server/session', '@types/koa')), TYPESCRIPT])
    return project
  })()
  // Awaited by the SQL tests; until then a failure must not count as unhandled.
  sqlInstall.catch(() => undefined)
  return sqlInstall
}

describe('a Redis user: npm install @header-session/koa koa ioredis', () => {
  let project: TempProject

  it(`adds at most ${MAX_PACKAGES_ADDED} packages to koa and ioredis, and no driver, logger or @koa/ package`, async () => {
    const line = await installLine('server/session', 'ioredis')
    const baseline = await createProject(join(tmp, 'koa-and-ioredis'))
    await baseline.install(line.filter((arg) => arg !== library.tarball))
    project = await createProject(join(tmp, 'redis-app'))
    const { ms } = await project.install(line)
    void sqlProject()

    const installed = await project.installed()
    const added = installed.length - (await baseline.installed()).length
    figures.push(
      `npm install ${LIBRARY} koa ioredis: ${seconds(ms)}, ${installed.length} packages (${added} more than koa + ioredis alone)`,
    )
    const unasked = installed.filter((pkg) => NOT_ASKED_FOR_BY_REDIS_USERS.test(pkg.name))
    expect(unasked.map((pkg) => pkg.path)).toEqual([])
    expect(added).toBeLessThanOrEqual(MAX_PACKAGES_ADDED)
  }, 120_000)

  it('gets one copy of the library by import and by require, with the same exports', async () => {
    const entries = await compareEntries(project.dir, [LIBRARY, `${LIBRARY}/redis`])
    for (const entry of Object.values(entries)) {
      expect(entry.esm.filter((name) => name !== '__esModule')).toEqual(entry.cjs)
      expect(entry.copies).toEqual([])
    }
  }, 30_000)

  describe('the quick start', () => {
    const ports = { cjs: 0, esm: 0 }

    beforeAll(async () => {
      await project.install([
        ...(await installLine('server/session', '@types/koa')),
        ...(await installLine('server/session', '@types/redis-errors')),
        TYPESCRIPT,
      ])
      const code = exampleImporting(
        await readme('server/session'),
        'Quick start',
        `${LIBRARY}/redis`,
      )
      const pointed = (port: number) =>
        substitute(code, {
          "'redis://127.0.0.1:6379'": JSON.stringify(SERVICES.redis.url),
          'app.listen(3000)': `app.listen(${port})`,
        })
      for (const format of FORMATS) {
        ports[format] = await freePort()
        await writeSource(project, source('redis', format), pointed(ports[format]))
      }
      await writeSource(project, 'redis.ts', pointed(ports.esm))
    }, 120_000)

    it('type-checks under nodenext (as .cts and .mts)', async () => {
      await compile(
        project.dir,
        'nodenext',
        FORMATS.map((f) => `src/${source('redis', f)}`),
        'out',
      )
    }, 60_000)

    it.each(['bundler', 'node10'] as const)(
      'type-checks under %s',
      async (resolution) => {
        await compile(project.dir, resolution, ['src/redis.ts'])
      },
      60_000,
    )

    it.each(['Typed session data', 'Session admin'])(
      'type-checks the README example under "%s" (nodenext, as .cts and .mts, and bundler)',
      async (heading) => {
        const code = exampleImporting(await readme('server/session'), heading, LIBRARY)
        const name = heading.toLowerCase().replace(/ /g, '-')
        for (const format of FORMATS) await writeSource(project, source(name, format), code)
        await writeSource(project, `${name}.ts`, code)
        await compile(
          project.dir,
          'nodenext',
          FORMATS.map((f) => `src/${source(name, f)}`),
        )
        await compile(project.dir, 'bundler', [`src/${name}.ts`])
      },
      60_000,
    )

    describeWith('redis')('on Redis', () => {
      it.each(FORMATS)(
        'keeps a session over HTTP (%s)',
        async (format) => {
          const file = compiled(project, 'redis', format)
          redisTokens.push(
            ...(await sessionJourney(file, ports[format], join(tmp, `run-${format}`))),
          )
        },
        60_000,
      )

      it("serves the SDK's Node quick start, which type-checks and keeps its session", async () => {
        // A TypeScript project on Node has Node's types (the workspace's, so in the npm cache).
        await project.install([...(await installLine('client-sdk', SDK)), NODE_TYPES])
        const example = exampleImporting(await readme('client-sdk'), 'Node', `${SDK}/fetch`)
        const probe = [
          "const again = await api.post<{ views: number }>('/api/counter')",
          'console.log(JSON.stringify({ first: data, again: again.data }))',
        ].join('\n')
        const url = `http://127.0.0.1:${ports.esm}`
        const code = substitute(example, { "'https://api.example.com'": JSON.stringify(url) })
        await writeSource(project, 'sdk.mts', `${code}\n${probe}\n`)
        await writeSource(project, 'sdk.ts', `${code}\n${probe}\n`)
        await compile(project.dir, 'nodenext', ['src/sdk.mts'], 'out', ['node'])
        await compile(project.dir, 'bundler', ['src/sdk.ts'], undefined, ['node'])

        const server = runExample(compiled(project, 'redis', 'esm'), join(tmp, 'run-esm'))
        try {
          await waitForPort(ports.esm, server)
          const output = await runExample(compiled(project, 'sdk', 'esm'), tmp).exited
          // The whole output on a mismatch: a crash prints its stack before Node's version.
          const lastLine = output.trim().split('\n').pop()
          const expected = JSON.stringify({ first: { views: 1 }, again: { views: 2 } })
          expect(lastLine === expected ? expected : output).toBe(expected)
        } finally {
          await server.stop()
        }
      }, 120_000)
    })
  })
})

describe('a SQL user: npm install @header-session/koa koa knex sqlite3 (or pg)', () => {
  let project: TempProject
  const ports = { cjs: 0, esm: 0 }
  const schema = `hs_packaging_${process.pid}`
  const postgresUrl = `${SERVICES.postgres.url}?options=${encodeURIComponent(`-c search_path=${schema}`)}`

  beforeAll(async () => {
    project = await sqlProject()
    const code = exampleImporting(await readme('server/session'), 'Quick start', `${LIBRARY}/sql`)
    for (const format of FORMATS) {
      ports[format] = await freePort()
      const onPort = substitute(code, { 'app.listen(3000)': `app.listen(${ports[format]})` })
      await writeSource(project, source('sqlite', format), onPort)
      await writeSource(
        project,
        source('postgres', format),
        substitute(onPort, {
          "sqliteKnexConfig('data/sessions.sqlite')": `{ client: 'pg', connection: ${JSON.stringify(postgresUrl)} }`,
        }),
      )
    }
    await writeSource(project, 'sqlite.ts', code)
  }, 300_000)

  it('gets one copy of the SQL entry by import and by require, with the same exports', async () => {
    const entries = await compareEntries(project.dir, [`${LIBRARY}/sql`])
    for (const entry of Object.values(entries)) {
      expect(entry.esm.filter((name) => name !== '__esModule')).toEqual(entry.cjs)
      expect(entry.copies).toEqual([])
    }
  }, 30_000)

  it('type-checks the quick start under nodenext (as .cts and .mts)', async () => {
    const files = ['sqlite', 'postgres'].flatMap((name) =>
      FORMATS.map((f) => `src/${source(name, f)}`),
    )
    await compile(project.dir, 'nodenext', files, 'out')
  }, 60_000)

  it.each(['bundler', 'node10'] as const)(
    'type-checks the quick start under %s',
    async (resolution) => {
      await compile(project.dir, resolution, ['src/sqlite.ts'])
    },
    60_000,
  )

  it.each(FORMATS)(
    'keeps a session over HTTP on sqlite, in a file of a folder it creates (%s)',
    async (format) => {
      const cwd = join(tmp, `run-sqlite-${format}`)
      await sessionJourney(compiled(project, 'sqlite', format), ports[format], cwd)
      expect(existsSync(join(cwd, 'data/sessions.sqlite'))).toBe(true)
    },
    60_000,
  )

  describeWith('postgres')('on PostgreSQL', () => {
    let admin: ReturnType<typeof Knex>
    beforeAll(async () => {
      admin = Knex({ client: 'pg', connection: SERVICES.postgres.url })
      await admin.raw(`CREATE SCHEMA IF NOT EXISTS ${schema}`)
    }, 30_000)
    afterAll(async () => {
      await admin.raw(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)
      await admin.destroy()
    }, 30_000)

    it.each(FORMATS)(
      'keeps a session over HTTP (%s)',
      async (format) => {
        await sessionJourney(
          compiled(project, 'postgres', format),
          ports[format],
          join(tmp, `run-pg-${format}`),
        )
        const tables = await admin('pg_tables').where({ schemaname: schema }).pluck('tablename')
        expect(tables).toContain('header_sessions')
      },
      60_000,
    )
  })
})
