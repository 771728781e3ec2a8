import { HeaderSessionError, type HeaderSessionErrorOptions } from './header-session-error'

/**
 * A browser hid the session header: the response is cross-origin and the server did not list
 * the header in `Access-Control-Expose-Headers`, so the login could not see its token.
 */
export class HeaderNotExposedError extends HeaderSessionError {
  declare readonly name: 'HeaderNotExposedError'
  declare readonly code: 'HEADER_NOT_EXPOSED'

  /** The session header the page could not read. */
  declare readonly headerName: string

  constructor(headerName: string) {
    super(`${headerName} is not in Access-Control-Expose-Headers`, {
      name: 'HeaderNotExposedError',
      code: 'HEADER_NOT_EXPOSED',
      headerName,
    } as HeaderSessionErrorOptions)
  }
}
