import { loginElsewhere } from './support/http'
import { loadPage, showPage, tap, text, useServer, wxNode } from './support/page'

const OPENID = 'mp-steps'
const STEPS_TODAY = /^\d+ steps today$/

describe("home page: today's steps (wx.getWeRunData, read by the server)", () => {
  let id: string
  beforeAll(() => {
    useServer(OPENID)
    id = loadPage('home')
  })
  /** The home page, logged in with wx.login. */
  const loggedIn = async () => {
    const page = await showPage(id)
    if (text(page, '#me') === 'Not logged in') await tap(page, '#login')
    return page
  }
  const sentSince = (before: number) => wxNode().sent.slice(before)

  it('gets the steps at once while wx.checkSession says the login is good', async () => {
    const page = await loggedIn()
    const before = wxNode().sent.length
    await tap(page, '#steps-refresh')
    expect(text(page, '#steps-error')).toBeNull()
    expect(text(page, '#steps')).toMatch(STEPS_TODAY)
    expect(sentSince(before)).toEqual(['POST /api/me/werun'])
  })

  it('logs in first when wx.checkSession says the session_key expired', async () => {
    const page = await loggedIn()
    const [before, logins] = [wxNode().sent.length, wxNode().logins]
    wxNode().expireSessionKey()
    await tap(page, '#steps-refresh')
    expect(text(page, '#steps')).toMatch(STEPS_TODAY)
    expect(sentSince(before)).toEqual(['POST /api/auth/login', 'POST /api/me/werun'])
    expect(wxNode().logins).toBe(logins + 1)
  })

  it("logs in again and retries once when another login replaced the server's session_key", async () => {
    const page = await loggedIn()
    // Another device of the user logs in: WeChat's key for the user is now that login's.
    await loginElsewhere(OPENID, 'mp-steps tablet')
    const before = wxNode().sent.length
    await tap(page, '#steps-refresh')
    expect(text(page, '#steps-error')).toBeNull()
    expect(text(page, '#steps')).toMatch(STEPS_TODAY)
    expect(sentSince(before)).toEqual([
      'POST /api/me/werun',
      'POST /api/auth/login',
      'POST /api/me/werun',
    ])
  })

  it('says why when the user did not allow WeRun', async () => {
    const page = await loggedIn()
    const source = wxNode().weRunData
    // The runtime's words for a source that fails; without a source it says "auth deny".
    wxNode().weRunData = () => Promise.reject(new Error('auth deny'))
    try {
      await tap(page, '#steps-refresh')
    } finally {
      wxNode().weRunData = source
    }
    expect(text(page, '#steps-error')).toBe(
      'No steps: WeChat gave no steps (getWeRunData:fail auth deny)',
    )
  })
})
