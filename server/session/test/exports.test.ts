import * as library from '../src'

describe("the package's main entry point", () => {
  it('exports the middleware, the memory store, a store helper, log helpers and errors, by name, nothing else', () => {
    expect(Object.keys(library).sort()).toEqual([
      'DEFAULT_MEMORY_STORE_OPTIONS',
      'DEFAULT_SESSION_MIDDLEWARE_OPTIONS',
      'HeaderSessionError',
      'SESSION_EVENT_TYPES',
      'SessionConflictError',
      'SessionDataInvalidError',
      'SessionDataTooLargeError',
      'SessionOptionsError',
      'SessionRecordCorruptError',
      'SessionStoreUnavailableError',
      'applyOperations',
      'createMemoryStore',
      'createSessionMiddleware',
      'tokenHint',
      'withoutIds',
    ])
  })
})
