import { send } from './support/http'
import {
  itemKeys,
  loadPage,
  showPage,
  tap,
  tapItem,
  type,
  text,
  useServer,
  wxNode,
} from './support/page'

describe('notes page (wx.login)', () => {
  let id: string
  beforeAll(() => {
    useServer('mp-notes')
    id = loadPage('notes')
  })

  it('logs in by itself on the first visit: one wx.login, one code', async () => {
    const page = await showPage(id)
    expect(text(page, '#notes')).toBe('No notes yet.')
    expect(text(page, '#error')).toBeNull()
    expect(wxNode().logins).toBe(1)
    expect(wxNode().sent).toEqual(['POST /api/auth/login', 'GET /api/notes'])
  })

  it('adds notes and deletes one', async () => {
    const page = await showPage(id)
    await type(page, '#note-text', 'buy milk')
    await tap(page, '#note-add')
    await type(page, '#note-text', 'call mum')
    await tap(page, '#note-add')
    expect(itemKeys(page, '#notes', 'note-id')).toHaveLength(2)
    expect(page.data.text).toBe('') // the input was cleared
    const [milk] = itemKeys(page, '#notes', 'note-id', 'buy milk')
    await tapItem(page, '.delete', 'note-id', String(milk))
    expect(itemKeys(page, '#notes', 'note-id')).toHaveLength(1)
    expect(text(page, '#notes')).toContain('call mum')
    expect(wxNode().logins).toBe(1)
  })

  it('logs in again once, silently, when the server dropped the session', async () => {
    const token = String([...wxNode().storage.values()][0])
    expect((await send('POST', '/api/auth/logout', { token })).status).toBe(204)
    const page = await showPage(id)
    expect(text(page, '#error')).toBeNull()
    expect(itemKeys(page, '#notes', 'note-id')).toHaveLength(1) // the same user's notes
    expect(wxNode().logins).toBe(2)
  })

  it("shows the server's refusal of an empty note", async () => {
    const page = await showPage(id)
    await tap(page, '#note-add')
    expect(text(page, '#error')).toMatch(/^HttpError HTTP_ERROR: 400 VALIDATION_FAILED: /)
  })
})
