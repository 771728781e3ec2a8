import { ConfigError, DEFAULT_DATABASE_URL, loadConfig } from '../src/config'

/** `loadConfig` in tests: the stand-in allowed by `NODE_ENV=test` unless `env` says otherwise. */
const load = (env: Record<string, string> = {}) => loadConfig({ NODE_ENV: 'test', ...env })

describe('loadConfig', () => {
  it('defaults to the sqlite file and the documented values', () => {
    expect(load()).toEqual({
      port: 3000,
      host: undefined,
      sessionStore: 'sql',
      databaseUrl: DEFAULT_DATABASE_URL,
      redis: { mode: 'standalone', url: '' },
      redisDurability: 'async',
      headerName: 'X-Header-Session',
      secrets: [],
      encryptionKeys: [],
      idleTimeoutMs: 604_800_000,
      absoluteTimeoutMs: 2_592_000_000,
      storeTimeoutMs: 1_000,
      pruneIntervalMs: 600_000,
      http: {
        headersTimeoutMs: 10_000,
        requestTimeoutMs: 30_000,
        keepAliveTimeoutMs: 5_000,
        connectionsCheckingIntervalMs: 1_000,
      },
      corsOrigins: [],
      trustProxy: [],
      limits: {
        sessionsPerMinute: 600,
        loginsPerMinute: 600,
        loginsPerOpenidPerMinute: 10,
        maxSessionsPerUser: 20,
      },
      production: false,
      logLevel: 'info',
      wechat: { mode: 'stand-in', apiBase: null },
    })
    expect(DEFAULT_DATABASE_URL).toBe('sqlite:data/sessions.sqlite')
  })

  it('reads every variable', () => {
    const config = load({
      PORT: '8080',
      SESSION_STORE: 'redis',
      REDIS_URL: 'redis://cache:6379/2',
      SESSION_HEADER_NAME: 'X-Session',
      SESSION_SECRETS: 'first-secret-0123456789, second-secret-0123456789',
      SESSION_ENCRYPTION_KEYS: 'an-encryption-key-of-32-characters!!',
      SESSION_IDLE_TIMEOUT_MS: '60000',
      SESSION_ABSOLUTE_TIMEOUT_MS: '120000',
      CORS_ORIGINS: 'https://a.example, http://localhost:5173',
    })
    expect(config).toMatchObject({
      port: 8080,
      sessionStore: 'redis',
      redis: { mode: 'standalone', url: 'redis://cache:6379/2' },
      headerName: 'X-Session',
      secrets: ['first-secret-0123456789', 'second-secret-0123456789'],
      encryptionKeys: ['an-encryption-key-of-32-characters!!'],
      idleTimeoutMs: 60_000,
      absoluteTimeoutMs: 120_000,
      corsOrigins: ['https://a.example', 'http://localhost:5173'],
    })
  })

  it('reads cluster and sentinel settings', () => {
    expect(
      load({ SESSION_STORE: 'redis', REDIS_CLUSTER_NODES: '10.0.0.1:7000,[::1]:7001' }).redis,
    ).toEqual({
      mode: 'cluster',
      nodes: [
        { host: '10.0.0.1', port: 7000 },
        { host: '::1', port: 7001 },
      ],
    })
    expect(
      load({
        SESSION_STORE: 'redis',
        REDIS_SENTINELS: 's1:26379',
        REDIS_SENTINEL_NAME: 'main',
      }).redis,
    ).toEqual({ mode: 'sentinel', sentinels: [{ host: 's1', port: 26379 }], name: 'main' })
  })

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ SESSION_STORE: 'mongo' }, 'SESSION_STORE'],
    [{ DATABASE_URL: 'oracle://x' }, 'DATABASE_URL'],
    [{ SESSION_STORE: 'redis', REDIS_URL: 'http://x' }, 'REDIS_URL'],
    [{ SESSION_STORE: 'redis', REDIS_CLUSTER_NODES: 'host-without-port' }, 'REDIS_CLUSTER_NODES'],
    [{ SESSION_STORE: 'redis', REDIS_SENTINELS: 's1:26379' }, 'REDIS_SENTINEL_NAME'],
    [{ SESSION_HEADER_NAME: 'X_Session' }, 'SESSION_HEADER_NAME'],
    [{ SESSION_SECRETS: 'short' }, 'SESSION_SECRETS'],
    [{ SESSION_ENCRYPTION_KEYS: 'shorter-than-thirty-two' }, 'SESSION_ENCRYPTION_KEYS'],
    [{ SESSION_IDLE_TIMEOUT_MS: '-5' }, 'SESSION_IDLE_TIMEOUT_MS'],
    [{ SESSION_ABSOLUTE_TIMEOUT_MS: '1e9' }, 'SESSION_ABSOLUTE_TIMEOUT_MS'],
    [{ CORS_ORIGINS: 'example.com' }, 'CORS_ORIGINS'],
    [{ HTTP_HEADERS_TIMEOUT_MS: '50' }, 'HTTP_HEADERS_TIMEOUT_MS'],
    [{ HTTP_REQUEST_TIMEOUT_MS: '30s' }, 'HTTP_REQUEST_TIMEOUT_MS'],
    [{ HTTP_KEEP_ALIVE_TIMEOUT_MS: '0' }, 'HTTP_KEEP_ALIVE_TIMEOUT_MS'],
    [{ HTTP_CONNECTIONS_CHECKING_INTERVAL_MS: '120000' }, 'HTTP_CONNECTIONS_CHECKING_INTERVAL_MS'],
    [
      { HTTP_HEADERS_TIMEOUT_MS: '20000', HTTP_REQUEST_TIMEOUT_MS: '10000' },
      'HTTP_HEADERS_TIMEOUT_MS',
    ],
    [{ LOG_LEVEL: 'verbose' }, 'LOG_LEVEL'],
    [{ NODE_ENV: 'production' }, 'WECHAT_APPID'],
    [{ NODE_ENV: 'production', WECHAT_SECRET: 'secret' }, 'WECHAT_APPID'],
    [{ NODE_ENV: 'production', WECHAT_APPID: 'wx0123456789abcdef' }, 'WECHAT_SECRET'],
    [{ WECHAT_SECRET: 'secret' }, 'WECHAT_APPID'],
    [{ WECHAT_APPID: 'wx 1', WECHAT_SECRET: 'secret' }, 'WECHAT_APPID'],
    [{ WECHAT_API_BASE: 'ftp://wechat' }, 'WECHAT_API_BASE'],
  ])('names the variable in %j', (env, variable) => {
    expect(() => load(env)).toThrow(ConfigError)
    expect(() => load(env)).toThrow(new RegExp(`^${variable}: `))
  })

  it('reads the WeChat settings and the log level', () => {
    const env = {
      NODE_ENV: 'production',
      WECHAT_APPID: 'wx0123456789abcdef',
      WECHAT_SECRET: '0123456789abcdef0123456789abcdef',
      LOG_LEVEL: 'warn',
    }
    expect(load(env)).toMatchObject({
      production: true,
      logLevel: 'warn',
      wechat: {
        mode: 'wechat',
        appId: 'wx0123456789abcdef',
        secret: '0123456789abcdef0123456789abcdef',
        apiBase: 'https://api.weixin.qq.com',
      },
    })
    expect(load({ ...env, WECHAT_API_BASE: 'http://proxy:8080/wx/' }).wechat).toMatchObject({
      apiBase: 'http://proxy:8080/wx',
    })
  })

  it('uses the dev stand-in without WECHAT_APPID only with NODE_ENV development or test', () => {
    for (const NODE_ENV of ['development', 'test']) {
      expect(loadConfig({ NODE_ENV }).wechat).toEqual({ mode: 'stand-in', apiBase: null })
    }
    expect(load({ WECHAT_API_BASE: 'http://127.0.0.1:4000/__dev/wechat' }).wechat).toEqual({
      mode: 'stand-in',
      apiBase: 'http://127.0.0.1:4000/__dev/wechat',
    })
  })

  it('uses the dev stand-in when WECHAT_STAND_IN=1 asks for it, whatever NODE_ENV but production', () => {
    for (const NODE_ENV of [undefined, 'staging', 'Development']) {
      expect(loadConfig({ NODE_ENV, WECHAT_STAND_IN: '1' }).wechat).toEqual({
        mode: 'stand-in',
        apiBase: null,
      })
    }
  })

  it.each([
    ['no NODE_ENV', {}],
    ['an empty NODE_ENV', { NODE_ENV: '' }],
    ['NODE_ENV=Production', { NODE_ENV: 'Production' }],
    ['NODE_ENV=PRODUCTION', { NODE_ENV: 'PRODUCTION' }],
    ['NODE_ENV=staging', { NODE_ENV: 'staging' }],
    ['NODE_ENV=dev', { NODE_ENV: 'dev' }],
    ['NODE_ENV=Development', { NODE_ENV: 'Development' }],
    ['WECHAT_STAND_IN=0', { NODE_ENV: 'staging', WECHAT_STAND_IN: '0' }],
  ])('refuses to start without WECHAT_APPID with %s, naming what to set', (_title, env) => {
    expect(() => loadConfig(env)).toThrow(
      /^WECHAT_APPID: required \(with WECHAT_SECRET\) unless NODE_ENV is development or test .*WECHAT_STAND_IN=1/,
    )
  })

  it.each([
    [{ NODE_ENV: 'production', WECHAT_STAND_IN: '1' }, /never used with NODE_ENV=production/],
    [{ NODE_ENV: ' Production', WECHAT_STAND_IN: '1' }, /never used with NODE_ENV=production/],
    [{ NODE_ENV: 'test', WECHAT_STAND_IN: 'yes' }, /expected 1 or 0, got "yes"/],
    [
      { WECHAT_STAND_IN: '1', WECHAT_APPID: 'wx0123456789abcdef', WECHAT_SECRET: 'secret' },
      /WECHAT_STAND_IN=1 or WECHAT_APPID, not both/,
    ],
  ])('refuses WECHAT_STAND_IN in %j', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError)
    expect(() => loadConfig(env)).toThrow(new RegExp(`^WECHAT_STAND_IN: .*${message.source}`))
  })

  it('reads the limits and TRUST_PROXY; 0 turns a limit off', () => {
    expect(
      load({
        LIMIT_SESSIONS_PER_MINUTE: '0',
        LIMIT_LOGINS_PER_MINUTE: '120',
        LIMIT_LOGINS_PER_OPENID_PER_MINUTE: '5',
        MAX_SESSIONS_PER_USER: '3',
        TRUST_PROXY: '10.0.0.0/8, 192.168.1.7, fd00::/8',
      }),
    ).toMatchObject({
      limits: {
        sessionsPerMinute: 0,
        loginsPerMinute: 120,
        loginsPerOpenidPerMinute: 5,
        maxSessionsPerUser: 3,
      },
      trustProxy: ['10.0.0.0/8', '192.168.1.7', 'fd00::/8'],
    })
  })

  it.each([
    ['LIMIT_SESSIONS_PER_MINUTE', '-1'],
    ['LIMIT_LOGINS_PER_MINUTE', 'ten'],
    ['LIMIT_LOGINS_PER_OPENID_PER_MINUTE', '1.5'],
    ['MAX_SESSIONS_PER_USER', '10001'],
    ['TRUST_PROXY', '10.0.0.0/8, proxy.internal'],
    ['TRUST_PROXY', '10.0.0.0/40'],
  ])('refuses %s=%j, naming it', (variable, value) => {
    expect(() => load({ [variable]: value })).toThrow(ConfigError)
    expect(() => load({ [variable]: value })).toThrow(new RegExp(`^${variable}: `))
  })

  it('reads NODE_ENV=production in any case', () => {
    const credentials = { WECHAT_APPID: 'wx0123456789abcdef', WECHAT_SECRET: 'secret' }
    expect(loadConfig({ NODE_ENV: 'Production', ...credentials }).production).toBe(true)
    expect(loadConfig({ NODE_ENV: 'staging', ...credentials }).production).toBe(false)
  })

  it('reads the HTTP server timeouts', () => {
    expect(
      load({
        HTTP_HEADERS_TIMEOUT_MS: '5000',
        HTTP_REQUEST_TIMEOUT_MS: '60000',
        HTTP_KEEP_ALIVE_TIMEOUT_MS: '65000',
        HTTP_CONNECTIONS_CHECKING_INTERVAL_MS: '500',
      }).http,
    ).toEqual({
      headersTimeoutMs: 5_000,
      requestTimeoutMs: 60_000,
      keepAliveTimeoutMs: 65_000,
      connectionsCheckingIntervalMs: 500,
    })
  })
})
describe('REDIS_DURABILITY', () => {
  const env = { NODE_ENV: 'test', SESSION_STORE: 'redis' }
  it('is async unless it says replicated, and nothing else', () => {
    expect(loadConfig(env).redisDurability).toBe('async')
    expect(loadConfig({ ...env, REDIS_DURABILITY: 'replicated' }).redisDurability).toBe(
      'replicated',
    )
    expect(() => loadConfig({ ...env, REDIS_DURABILITY: 'sync' })).toThrow(ConfigError)
    expect(() => loadConfig({ ...env, REDIS_DURABILITY: 'sync' })).toThrow('REDIS_DURABILITY')
  })
})
