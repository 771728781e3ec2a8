import { decodeRecord, encodeRecord, plainStrings } from '../src/stores/redis/record-format'
import { AWKWARD_DATA, newRecord } from './support/store-contract'

describe('the Redis record format', () => {
  it.each([
    ['no user', newRecord()],
    [
      'a user and device with quotes and unicode',
      newRecord({ userId: 'u "1" é', device: 'a\\b\n😀' }),
    ],
    ['awkward data', newRecord({ data: AWKWARD_DATA, userId: 'u-2', device: null })],
  ])('writes the meta exactly as JSON.stringify would (%s)', (_, record) => {
    const text = encodeRecord(record)
    const cut = text.indexOf('\n')
    const { data, version, ...rest } = record
    const json = JSON.stringify(data)
    const meta = { version, ...rest, plainStrings: plainStrings(json) }
    expect(text.slice(0, cut)).toBe(JSON.stringify(meta))
    expect(text.slice(cut + 1)).toBe(json)
    expect(decodeRecord(text)).toEqual(record)
  })

  it.each([
    ['{"views":1}', true],
    ['{}', true],
    ['{"a":[1,{"b":{}}]}', true],
    ['{"a":"x]"}', false],
    ['{"a{":1}', false],
    ['{"a":["{"]}', false],
    ['{"a":"\\"[\\""}', false],
  ])('tells whether a string in %s holds a bracket', (text, plain) => {
    expect(plainStrings(text)).toBe(plain)
  })
})
