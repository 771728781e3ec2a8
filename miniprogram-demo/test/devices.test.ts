import { loginElsewhere, send } from './support/http'
import { itemKeys, loadPage, showPage, tap, tapItem, text, useServer, wxNode } from './support/page'

const OPENID = 'mp-devices'

describe('devices page (wx.login)', () => {
  let id: string
  beforeAll(() => {
    useServer(OPENID)
    id = loadPage('devices')
  })

  it('lists this device after logging in by itself', async () => {
    const page = await showPage(id)
    expect(itemKeys(page, '#devices', 'handle')).toHaveLength(1)
    expect(text(page, '#devices')).toContain('WeChat mini-program (this one)')
    expect(text(page, '.revoke')).toBe('Log out')
  })

  it('revokes another device, whose next request is refused', async () => {
    const other = await loginElsewhere(OPENID, 'Other phone')
    const page = await showPage(id)
    const [handle] = itemKeys(page, '#devices', 'handle', 'Other phone')
    expect(itemKeys(page, '#devices', 'handle')).toHaveLength(2)
    await tapItem(page, '.revoke', 'handle', String(handle))
    expect(itemKeys(page, '#devices', 'handle', 'Other phone')).toEqual([])
    expect(await send('GET', '/api/me', { token: other })).toMatchObject({
      status: 401,
      body: { error: { code: 'SESSION_EXPIRED' } },
    })
  })

  it('logs out every other device at once', async () => {
    await loginElsewhere(OPENID, 'Tablet')
    await loginElsewhere(OPENID, 'Laptop')
    const page = await showPage(id)
    expect(itemKeys(page, '#devices', 'handle')).toHaveLength(3)
    await tap(page, '#devices-revoke-others')
    expect(itemKeys(page, '#devices', 'handle')).toHaveLength(1)
    expect(text(page, '#devices')).toContain('(this one)')
  })

  it('revoking this device is a logout: the token leaves wx storage', async () => {
    const page = await showPage(id)
    const [handle] = itemKeys(page, '#devices', 'handle')
    await tapItem(page, '.revoke', 'handle', String(handle))
    expect(text(page, '#devices')).toBe('Logged out here.')
    expect(wxNode().storage.size).toBe(0)
    expect(wxNode().logins).toBe(1)
  })
})
