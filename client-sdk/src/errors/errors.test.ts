import * as errors from './index'

const cases: Array<[errors.HeaderSessionError, string, string]> = [
  [new errors.HttpError(500, {}, { method: 'GET', url: '/x' }), 'HttpError', 'HTTP_ERROR'],
  [new errors.NetworkError('request:fail'), 'NetworkError', 'NETWORK_ERROR'],
  [new errors.TimeoutError(5), 'TimeoutError', 'TIMEOUT'],
  [new errors.AbortError(), 'AbortError', 'ABORTED'],
  [new errors.SessionExpiredError('SESSION_REQUIRED'), 'SessionExpiredError', 'SESSION_EXPIRED'],
  [new errors.LoginError('no'), 'LoginError', 'LOGIN_FAILED'],
  [
    new errors.HeaderNotExposedError('X-Header-Session'),
    'HeaderNotExposedError',
    'HEADER_NOT_EXPOSED',
  ],
  [new errors.StorageError('write', new Error('quota')), 'StorageError', 'STORAGE_ERROR'],
  [new errors.QueueFullError(3), 'QueueFullError', 'QUEUE_FULL'],
  [
    new errors.SessionConflictError(409, {}, { method: 'POST', url: '/x' }),
    'SessionConflictError',
    'SESSION_CONFLICT',
  ],
  [new errors.ProtocolError('dup'), 'ProtocolError', 'PROTOCOL_ERROR'],
  [new errors.OptionsError('a', 'b', 1), 'OptionsError', 'INVALID_OPTION'],
]

describe('errors', () => {
  it.each(cases)('%s has a literal name and a stable code', (error, name, code) => {
    expect(error).toBeInstanceOf(errors.HeaderSessionError)
    expect(error).toBeInstanceOf(Error)
    expect(error.name).toBe(name)
    expect(error.code).toBe(code)
    expect(String(error)).toMatch(new RegExp(`^${name}: `))
    expect(error.stack).toBeDefined()
  })

  it('keeps the original in cause', () => {
    const original = new Error('quota')
    expect(new errors.StorageError('write', original).cause).toBe(original)
    expect(new errors.NetworkError('x').cause).toBeUndefined()
    expect(new errors.LoginError('x', { status: 400 }).status).toBe(400)
  })

  it('a SessionConflictError says what was not kept and carries the answer', () => {
    const request = { method: 'POST', url: 'https://api.example.com/api/counter' }
    const error = new errors.SessionConflictError(409, { error: {} }, request)
    expect(error.message).toBe(`Session changes not kept: POST ${request.url}`)
    expect(error).toMatchObject({ status: 409, data: { error: {} }, request })
    expect(error).not.toBeInstanceOf(errors.HttpError)
  })

  it('the codes are unique', () => {
    expect(new Set(cases.map((c) => c[2])).size).toBe(cases.length)
  })
})
