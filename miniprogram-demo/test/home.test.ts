import { send } from './support/http'
import { loadPage, showPage, tap, text, useServer, wxNode } from './support/page'

describe('home page (dev login through the WeChat stand-in)', () => {
  let id: string
  beforeAll(() => {
    useServer('mp-home', true)
    id = loadPage('home')
  })

  it('shows "Not logged in" without logging in', async () => {
    const page = await showPage(id)
    expect(text(page, '#me')).toBe('Not logged in')
    expect(text(page, '#error')).toBeNull()
    expect(wxNode().sent).toEqual(['GET /api/me'])
  })

  it('logs in with a code from the stand-in, and stays logged in on the next visit', async () => {
    const page = await showPage(id)
    await tap(page, '#login')
    expect(text(page, '#me')).toMatch(/^Logged in as user \S+ \(since \d{4}-\d\d-\d\d\)$/)
    expect(wxNode().sent.slice(-3)).toEqual([
      'POST /__dev/wechat/codes',
      'POST /api/auth/login',
      'GET /api/me',
    ])
    expect(wxNode().logins).toBe(0) // config.devOpenid: no wx.login
    expect(text(await showPage(id), '#me')).toBe(text(page, '#me'))
  })

  it('logs out: the server drops the session and the token leaves wx storage', async () => {
    const page = await showPage(id)
    const [token] = [...wxNode().storage.values()]
    await tap(page, '#logout')
    expect(text(page, '#me')).toBe('Not logged in')
    expect(wxNode().storage.size).toBe(0)
    const me = await send('GET', '/api/me', { token: String(token) })
    expect(me).toMatchObject({ status: 401, body: { error: { code: 'SESSION_EXPIRED' } } })
  })
})
