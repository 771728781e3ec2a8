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

  it('says why WeChat rejected a note, and keeps its text to change', async () => {
    const page = await showPage(id)
    const before = itemKeys(page, '#notes', 'note-id')
    // The dev stand-in's risky word (its default riskyWords, as the server mounts it).
    await type(page, '#note-text', 'a stand-in-risky thought')
    await tap(page, '#note-add')
    expect(text(page, '#note-refused')).toBe(
      "Not saved: The text did not pass WeChat's content check; change it and try again",
    )
    expect(page.data.text).toBe('a stand-in-risky thought')
    expect(itemKeys(page, '#notes', 'note-id')).toEqual(before)
    expect(text(page, '#error')).toBeNull()
    await type(page, '#note-text', 'a calm thought')
    await tap(page, '#note-add')
    expect(text(page, '#note-refused')).toBeNull()
    expect(itemKeys(page, '#notes', 'note-id')).toHaveLength(before.length + 1)
  })

  it('says so when WeChat cannot check the text (503), and stores nothing', async () => {
    const page = await showPage(id)
    const before = itemKeys(page, '#notes', 'note-id')
    // No other test file of this project writes notes: the busy stand-in touches only these.
    await send('POST', '/__dev/wechat/busy', { json: { api: 'msg_sec_check', busy: true } })
    try {
      await type(page, '#note-text', 'later')
      await tap(page, '#note-add')
    } finally {
      await send('POST', '/__dev/wechat/busy', { json: { api: 'msg_sec_check', busy: false } })
    }
    expect(text(page, '#note-refused')).toBe(
      "Not saved: WeChat's content check is unavailable, so nothing was stored; try again shortly",
    )
    expect(itemKeys(page, '#notes', 'note-id')).toEqual(before)
  })
})
