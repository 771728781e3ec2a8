import { createCodeLogin } from '../../src/core/code-login'
import type { TransportRequest } from '../../src/core/types'
import { fakeTransport, json, refused, sentToken, token, type FakeAnswer } from './fake-transport'

/** Whether a request goes to the login endpoint. */
export const isLogin = (r: TransportRequest): boolean => r.url.endsWith('/api/auth/login')

/**
 * A scripted server whose login issues tokens `login-<n>` and whose routes want one of them
 * (or answer what `protect` says), with a code login counting its codes.
 */
export function loginServer(
  protect: (r: TransportRequest) => FakeAnswer | undefined = () => undefined,
) {
  let logins = 0
  const transport = fakeTransport((r) => {
    if (isLogin(r))
      return json(200, { ok: true }, { 'X-Header-Session': token(`login-${++logins}`) })
    return (
      protect(r) ??
      (sentToken(r)?.startsWith('login-') ? json(200, { ok: true }) : refused('SESSION_REQUIRED'))
    )
  })
  const codes: string[] = []
  const login = createCodeLogin({ getCode: async () => `code-${codes.push('c')}` })
  return { transport, login, codes, logins: () => logins }
}
