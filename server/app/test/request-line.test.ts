import pino from 'pino'
import { createLogger } from '../src/logger'
import fc from 'fast-check'
import {
  durationText,
  jsonStringContent,
  type RequestLine,
  requestLineWriter,
} from '../src/logging/request-line'
import { captureLines } from './support/captured-lines'

const LINE: RequestLine = {
  reqId: '0b5e3c4e-9d1f-4a57-8a1e-2d3c4b5a6978',
  client: '203.0.113.9',
  method: 'GET',
  path: '/api/notes/1',
  status: 200,
  ms: 0.4,
  session: 'AbC123',
}

/** A path id-shaped enough to be cut by the scrubber (43 characters of base64url). */
const ID_SHAPED = 'Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4Zm9vYmFyYmF'

/** Lines as pino writes them, but at one fixed time. */
function atFixedTime(lines: string[]): string[] {
  return lines.map((line) => line.replace(/"time":\d+/, '"time":0'))
}

/**
 * `line` written by the request line writer of a `createLogger` logger, and by pino itself
 * (a child with `reqId` and `client`, then `info`), each to lines of its own.
 */
function writtenBoth(line: RequestLine) {
  const direct = captureLines()
  requestLineWriter(createLogger('info', { destination: direct.stream }))(line)
  const throughPino = captureLines()
  const { reqId, client, ...fields } = line
  createLogger('info', { destination: throughPino.stream })
    .child({ reqId, client })
    .info(fields, 'request')
  return { direct, throughPino }
}

describe('requestLineWriter', () => {
  it.each<[string, Partial<RequestLine>]>([
    ['an ordinary request', {}],
    ['no session token', { session: undefined }],
    ['a path with quotes, backslashes and control characters', { path: '/a"b\\c\u0001\t' }],
    ['a path in other scripts', { path: '/api/笔记/é/😀' }],
    ['a path with a secret parameter in it', { path: '/api/x/code=0a1b2c3d' }],
    ['a path with an id-shaped part', { path: `/api/x/${ID_SHAPED}` }],
    ['an IPv6 client and a 500', { client: '2001:db8::1', status: 500, ms: 1234.5 }],
  ])('writes for a logger of createLogger what pino writes: %s', (_title, change) => {
    const { direct, throughPino } = writtenBoth({ ...LINE, ...change })
    expect(direct.lines).toHaveLength(1)
    expect(atFixedTime(direct.lines)).toEqual(atFixedTime(throughPino.lines))
    expect(JSON.parse(direct.lines[0] as string)).toMatchObject({ level: 30, msg: 'request' })
    expect(direct.lines[0]).not.toContain(ID_SHAPED)
    expect(direct.lines[0]).not.toContain('0a1b2c3d')
  })

  it('writes what pino writes whatever text is in each field', () => {
    const text = fc.string({ unit: 'binary', maxLength: 24 })
    fc.assert(
      fc.property(
        fc.record({ reqId: text, client: text, method: text, path: text, session: text }),
        (fields) => {
          // Paths as the scrubber leaves them: a line of the writer differs from pino's only
          // where the scrubber cuts, which the cases above check.
          const line = {
            ...LINE,
            ...fields,
            path: `/${fields.path.replace(/[=A-Za-z0-9_-]/g, '')}`,
          }
          const { direct, throughPino } = writtenBoth(line)
          expect(atFixedTime(direct.lines)).toEqual(atFixedTime(throughPino.lines))
        },
      ),
      { numRuns: 200 },
    )
  })

  it('writes what pino writes for a run of lines whose fields repeat and change', () => {
    // Few values, so that a field often repeats the line before's (the writer remembers the
    // last method and client it quoted) and often changes, to text that needs escapes or not.
    const value = fc.constantFrom('GET', 'POST', '203.0.113.9', 'a"b', '\\', '\u0001', 'é', '')
    const fields = fc.record({ client: value, method: value })
    fc.assert(
      fc.property(fc.array(fields, { minLength: 2, maxLength: 12 }), (runs) => {
        const direct = captureLines()
        const writeLine = requestLineWriter(createLogger('info', { destination: direct.stream }))
        const throughPino = captureLines()
        const logger = createLogger('info', { destination: throughPino.stream })
        for (const run of runs) {
          const line = { ...LINE, ...run }
          writeLine(line)
          const { reqId, client, ...rest } = line
          logger.child({ reqId, client }).info(rest, 'request')
        }
        expect(atFixedTime(direct.lines)).toEqual(atFixedTime(throughPino.lines))
      }),
      { numRuns: 200 },
    )
  })

  it('writes nothing below the logger’s level, read at each line', () => {
    const { lines, stream } = captureLines()
    const logger = createLogger('warn', { destination: stream })
    const write = requestLineWriter(logger)
    write(LINE)
    expect(lines).toEqual([])
    logger.level = 'debug'
    write(LINE)
    logger.level = 'silent'
    write(LINE)
    expect(lines).toHaveLength(1)
  })

  it('goes through pino for a logger of your own, its options kept', () => {
    const { lines, stream } = captureLines()
    const logger = pino({ messageKey: 'message', base: { service: 'notes' } }, stream)
    requestLineWriter(logger)(LINE)
    expect(lines).toHaveLength(1)
    const written = JSON.parse(lines[0] as string) as Record<string, unknown>
    expect(written).toMatchObject({ ...LINE, message: 'request', service: 'notes' })
    expect(written.msg).toBeUndefined()
  })
})

describe('durationText', () => {
  it('writes a duration in tenths of a millisecond as String does', () => {
    expect([0, 0.4, 1, 12, 12.3, 99.9, 1234.5, 100000.1].map(durationText)).toEqual([
      '0',
      '0.4',
      '1',
      '12',
      '12.3',
      '99.9',
      '1234.5',
      '100000.1',
    ])
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e15 }), (tenths) => {
        expect(durationText(tenths / 10)).toBe(String(tenths / 10))
      }),
      { numRuns: 2000 },
    )
  })

  it('writes any other number as String does', () => {
    expect([-0, -1.5, 0.05, 1e21, Number.NaN, Infinity].map(durationText)).toEqual([
      '0',
      '-1.5',
      '0.05',
      '1e+21',
      'NaN',
      'Infinity',
    ])
    fc.assert(
      fc.property(fc.double(), (ms) => {
        expect(durationText(ms)).toBe(String(ms))
      }),
      { numRuns: 2000 },
    )
  })
})

describe('jsonStringContent', () => {
  it('writes every UTF-16 code unit, lone surrogates included, as JSON.stringify does', () => {
    const differing: number[] = []
    for (let unit = 0; unit <= 0xffff; unit++) {
      const text = `/a${String.fromCharCode(unit)}b`
      if (`"${jsonStringContent(text)}"` !== JSON.stringify(text)) differing.push(unit)
    }
    expect(differing).toEqual([])
  })

  it('writes any string as JSON.stringify does', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        expect(`"${jsonStringContent(text)}"`).toBe(JSON.stringify(text))
      }),
    )
  })
})
