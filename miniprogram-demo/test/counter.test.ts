import { loadPage, showPage, tap, text, useServer, wxNode } from './support/page'

describe('counter page', () => {
  let id: string
  beforeAll(() => {
    useServer('mp-counter')
    id = loadPage('counter')
  })

  it('shows 0 without creating a session', async () => {
    const page = await showPage(id)
    expect(text(page, '#counter-value')).toBe('0')
    expect(text(page, '#error')).toBeNull()
    expect(wxNode().storage.size).toBe(0)
  })

  it('counts in the session, and the token persists in wx storage', async () => {
    const page = await showPage(id)
    await tap(page, '#counter-inc')
    await tap(page, '#counter-inc')
    expect(text(page, '#counter-value')).toBe('2')
    const [token] = [...wxNode().storage.values()]
    expect(token).toMatch(/^[\w-]{43}$/)
    // Another visit of the page reads the count back with the stored token.
    expect(text(await showPage(id), '#counter-value')).toBe('2')
  })
})
