import { TokenClient } from '../../session/test/support/http'
import { describeRoutes } from './support/route-app'

interface Note {
  id: number
  text: string
  createdAt: string
  updatedAt: string
}

describeRoutes('the notes of the logged-in user', (harness) => {
  it('creates, lists, edits and deletes notes', async () => {
    const c = await harness().loggedIn()
    expect((await c.send('GET', '/api/notes')).body).toEqual({ notes: [] })
    const created = await c.send('POST', '/api/notes', { text: 'first' })
    expect(created.status).toBe(201)
    const note = created.body?.note as Note
    expect(note).toEqual({
      id: expect.any(Number),
      text: 'first',
      createdAt: expect.any(String),
      updatedAt: note.createdAt,
    })
    await c.send('POST', '/api/notes', { text: 'second' })
    const edited = await c.send('PATCH', `/api/notes/${note.id}`, { text: 'first, edited' })
    expect(edited.status).toBe(200)
    expect(edited.body).toMatchObject({ note: { id: note.id, text: 'first, edited' } })
    const list = (await c.send('GET', '/api/notes')).body?.notes as Note[]
    expect(list.map((n) => n.text)).toEqual(['first, edited', 'second'])
    expect((await c.send('DELETE', `/api/notes/${note.id}`)).status).toBe(204)
    expect((await c.send('DELETE', `/api/notes/${note.id}`)).status).toBe(404)
    expect(((await c.send('GET', '/api/notes')).body?.notes as Note[]).length).toBe(1)
  })

  it('keeps two users apart: another user’s note is 404 and stays untouched', async () => {
    const alice = await harness().loggedIn('o-notes-alice')
    const bob = await harness().loggedIn('o-notes-bob')
    const mine = (await alice.send('POST', '/api/notes', { text: 'alice only' })).body?.note as Note
    await bob.send('POST', '/api/notes', { text: 'bob only' })
    expect(
      ((await bob.send('GET', '/api/notes')).body?.notes as Note[]).map((n) => n.text),
    ).toEqual(['bob only'])
    const patch = await bob.send('PATCH', `/api/notes/${mine.id}`, { text: 'hijacked' })
    expect(patch.status).toBe(404)
    expect(patch.body).toEqual({ error: { code: 'NOT_FOUND', message: expect.any(String) } })
    expect((await bob.send('DELETE', `/api/notes/${mine.id}`)).status).toBe(404)
    expect(
      ((await alice.send('GET', '/api/notes')).body?.notes as Note[]).map((n) => n.text),
    ).toEqual(['alice only'])
    // A second device of the same user sees the same notes.
    const aliceToo = await harness().loggedIn('o-notes-alice')
    expect(((await aliceToo.send('GET', '/api/notes')).body?.notes as Note[]).length).toBe(1)
  })

  it('needs a login: 401 SESSION_REQUIRED, or SESSION_EXPIRED after a logout', async () => {
    const { url, loggedIn } = harness()
    const anonymous = new TokenClient(url)
    for (const [method, path] of [
      ['GET', '/api/notes'],
      ['POST', '/api/notes'],
      ['PATCH', '/api/notes/1'],
      ['DELETE', '/api/notes/1'],
    ] as const) {
      const res = await anonymous.send(method, path, method === 'GET' ? undefined : { text: 'x' })
      expect(res.status).toBe(401)
      expect(res.body).toMatchObject({ error: { code: 'SESSION_REQUIRED' } })
    }
    const c = await loggedIn()
    const token = c.token
    await c.send('POST', '/api/auth/logout')
    c.token = token
    expect((await c.send('POST', '/api/notes', { text: 'late' })).body).toMatchObject({
      error: { code: 'SESSION_EXPIRED' },
    })
  })

  it('takes 1 to 2000 characters, counting an emoji as one', async () => {
    const c = await harness().loggedIn()
    const longest = '😀'.repeat(2000)
    const ok = await c.send('POST', '/api/notes', { text: longest })
    expect(ok.status).toBe(201)
    expect((ok.body?.note as Note).text).toBe(longest)
    for (const text of ['', 'x'.repeat(2001), 42, null, 'lone \ud800 surrogate', 'nul \u0000']) {
      const res = await c.send('POST', '/api/notes', { text })
      expect(res.status).toBe(400)
      expect(res.body).toEqual({
        error: {
          code: 'VALIDATION_FAILED',
          message: expect.any(String),
          fields: { text: expect.any(String) },
        },
      })
    }
    const id = (ok.body?.note as Note).id
    expect((await c.send('PATCH', `/api/notes/${id}`, { text: '' })).status).toBe(400)
    expect(((await c.send('GET', '/api/notes')).body?.notes as Note[]).map((n) => n.id)).toEqual([
      id,
    ])
    expect(((await c.send('GET', '/api/notes')).body?.notes as Note[])[0]?.text).toBe(longest)
  })

  it('answers 404 to ids that cannot be notes', async () => {
    const c = await harness().loggedIn()
    for (const id of ['0', '-1', 'abc', '1.5', '99999999999', '2147483648']) {
      const res = await c.send('PATCH', `/api/notes/${id}`, { text: 'x' })
      expect(res.status).toBe(404)
    }
  })
})
