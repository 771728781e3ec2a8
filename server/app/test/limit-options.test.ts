import Knex from 'knex'
import { createApp } from '../src/app'
import { createWechatStandIn } from '@header-session/testing'
import { DEFAULT_LIMITS_OPTIONS, resolveLimitsOptions } from '../src/limits'
import { createMemoryStore } from '@header-session/koa'

describe('DEFAULT_LIMITS_OPTIONS', () => {
  it('holds the documented defaults, frozen', () => {
    expect(DEFAULT_LIMITS_OPTIONS).toEqual({
      sessionsPerAddress: { points: 600, windowMs: 60_000 },
      loginsPerAddress: { points: 600, windowMs: 60_000 },
      loginsPerOpenid: { points: 10, windowMs: 60_000 },
      maxSessionsPerUser: 20,
      storeTimeoutMs: 250,
      keyPrefix: 'hs:limit',
    })
    expect(Object.isFrozen(DEFAULT_LIMITS_OPTIONS)).toBe(true)
    expect(Object.isFrozen(DEFAULT_LIMITS_OPTIONS.sessionsPerAddress)).toBe(true)
  })
})

describe('resolveLimitsOptions', () => {
  const memory = { type: 'memory' } as const

  it('applies the defaults into a fresh object, keeping what is given', () => {
    const given = { loginsPerOpenid: { points: 0, windowMs: 1_000 } }
    const resolved = resolveLimitsOptions(given, memory)
    expect(resolved).toEqual({ ...DEFAULT_LIMITS_OPTIONS, store: memory, ...given })
    expect(resolved.loginsPerOpenid).not.toBe(given.loginsPerOpenid)
    expect(given).toEqual({ loginsPerOpenid: { points: 0, windowMs: 1_000 } })
  })

  it.each([
    [{ sessionsPerAddress: { points: -1, windowMs: 1_000 } }, 'limits.sessionsPerAddress.points'],
    [{ loginsPerAddress: { points: 1.5, windowMs: 1_000 } }, 'limits.loginsPerAddress.points'],
    [{ loginsPerOpenid: { points: 1, windowMs: 1_500 } }, 'limits.loginsPerOpenid.windowMs'],
    [{ loginsPerOpenid: { points: 1, windowMs: 0 } }, 'limits.loginsPerOpenid.windowMs'],
    [{ maxSessionsPerUser: -1 }, 'limits.maxSessionsPerUser'],
    [{ storeTimeoutMs: 0 }, 'limits.storeTimeoutMs'],
    [{ keyPrefix: 'has space' }, 'limits.keyPrefix'],
  ])('refuses %j, naming %s', (options, name) => {
    expect(() => resolveLimitsOptions(options, memory)).toThrow(name)
  })
})

describe('createApp', () => {
  it('refuses a trustProxy entry that is not an address or range, naming it', async () => {
    const knex = Knex({
      client: 'sqlite3',
      connection: { filename: ':memory:' },
      useNullAsDefault: true,
    })
    try {
      expect(() =>
        createApp({
          store: createMemoryStore(),
          knex,
          wechatStandIn: createWechatStandIn(),
          trustProxy: ['10.0.0.0/8', 'lb.internal'],
        }),
      ).toThrow(
        'createApp: trustProxy: expected IP addresses or CIDR ranges (10.0.0.0/8, ::1), got "lb.internal"',
      )
    } finally {
      await knex.destroy()
    }
  })
})
