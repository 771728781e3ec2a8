import { createClient } from './client'
import {
  DEFAULT_CLIENT_OPTIONS,
  DEFAULT_TIMEOUT_MS,
  resolveClientOptions,
  type ClientOptions,
} from './options'
import { DEFAULT_CODE_LOGIN_OPTIONS } from './code-login'
import { isProtocolRejection } from './session-rejection'
import { OptionsError } from '../errors/options-error'
import { fakeTransport } from '../../test/support/fake-transport'

const transport = fakeTransport(() => ({ status: 200 }))

describe('client options', () => {
  it('has the documented defaults', () => {
    expect(DEFAULT_CLIENT_OPTIONS).toEqual({
      headerName: 'X-Header-Session',
      auth: false,
      isSessionRejected: isProtocolRejection,
      maxQueue: 100,
      throwHttpErrors: true,
      logoutPath: '/api/auth/logout',
    })
    expect(Object.isFrozen(DEFAULT_CLIENT_OPTIONS)).toBe(true)
    expect(DEFAULT_TIMEOUT_MS).toBe(60000)
    expect(DEFAULT_CODE_LOGIN_OPTIONS).toEqual({
      path: '/api/auth/login',
      headers: { 'Cache-Control': 'no-store' },
      retryCodes: ['40163', '40029'],
    })
    const resolved = resolveClientOptions({ baseURL: 'https://a.example/', transport })
    expect(resolved).toMatchObject({
      baseURL: 'https://a.example',
      maxConcurrent: Infinity,
      storageKey: 'header-session:https://a.example',
      headers: {},
      hooks: {},
    })
    expect(resolved.login).toBeUndefined()
    expect(
      resolveClientOptions({ baseURL: '', transport: { ...transport, maxConcurrent: 10 } })
        .maxConcurrent,
    ).toBe(10)
  })

  it('does not mutate the caller object', () => {
    const options: ClientOptions = { baseURL: 'https://a.example', transport, headers: { a: '1' } }
    const copy = { ...options }
    resolveClientOptions(options)
    expect(options).toEqual(copy)
  })

  it.each([
    [{ baseURL: 1 }, 'Option "baseURL" must be a string; got 1'],
    [{ transport: {} }, 'Option "transport" must be a Transport; got an object'],
    [
      { headerName: 'x_session' },
      'Option "headerName" must be letters, digits and hyphens; got "x_session"',
    ],
    [
      { statusHeaderName: 'x_status' },
      'Option "statusHeaderName" must be letters, digits and hyphens; got "x_status"',
    ],
    [{ timeoutMs: 0 }, 'Option "timeoutMs" must be a positive number; got 0'],
    [{ maxConcurrent: 0 }, 'Option "maxConcurrent" must be a positive number; got 0'],
    [{ maxQueue: -1 }, 'Option "maxQueue" must be a positive number; got -1'],
    [{ auth: 'yes' }, 'Option "auth" must be a boolean; got "yes"'],
    [{ hooks: null }, 'Option "hooks" must be an object; got null'],
    [{ platformOptions: 'h2' }, 'Option "platformOptions" must be an object; got "h2"'],
    [{ login: 'yes' }, 'Option "login" must be a function; got "yes"'],
    [{ isSessionRejected: 401 }, 'Option "isSessionRejected" must be a function; got 401'],
    [{ storage: { get: () => null } }, 'Option "storage" must be a Storage; got an object'],
    [{ logoutPath: 3 }, 'Option "logoutPath" must be a string or null; got 3'],
    [{ storageKey: 5 }, 'Option "storageKey" must be a string; got 5'],
  ])('rejects %p once, at creation, naming the option', (bad, message) => {
    const options = { baseURL: 'https://a.example', transport, ...bad } as unknown as ClientOptions
    expect(() => createClient(options)).toThrow(OptionsError)
    expect(() => createClient(options)).toThrow(message)
  })
})
