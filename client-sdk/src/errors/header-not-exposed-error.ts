import { HeaderSessionError } from './header-session-error'

/**
 * A browser hid the session header: the response is cross-origin and the server did not list
 * the header in `Access-Control-Expose-Headers`, so the login could not see its token.
 */
export class HeaderNotExposedError extends HeaderSessionError {
  override readonly name = 'HeaderNotExposedError'
  override readonly code = 'HEADER_NOT_EXPOSED'

  constructor(
    /** The session header the page could not read. */
    readonly headerName: string,
  ) {
    super(`${headerName} is not in Access-Control-Expose-Headers`)
  }
}
