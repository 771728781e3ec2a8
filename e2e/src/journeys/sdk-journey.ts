import { randomBytes } from 'node:crypto'
import { HttpError, SessionExpiredError, type Client } from '@header-session/client-sdk'
import type { ClientKit, Device } from '../clients'
import { requestsTo, waitUntil, type ServerProcess } from '../servers'

/** Where a journey's clients talk: a server, or a proxy in front of several. */
export interface JourneyTarget {
  baseURL: string
  standInUrl: string
  /**
   * The server processes behind `baseURL` (their logs are the server-side evidence); empty for
   * a server this suite did not start (`TEST_SERVER_URL`), whose logs it cannot read.
   */
  servers: readonly ServerProcess[]
}

interface User {
  id: number | string
}
interface SessionInfo {
  handle: string
  device: string | null
  current: boolean
}
interface Note {
  id: number | string
  text: string
}

const sessionsOf = async (client: Client): Promise<SessionInfo[]> =>
  (await client.get<{ sessions: SessionInfo[] }>('/api/sessions')).data.sessions

/** Count `method path` answered with `status` across `servers` (logs arrive through a pipe). */
async function waitForRequests(
  servers: readonly ServerProcess[],
  method: string,
  path: string,
  status: number,
  count: number,
): Promise<void> {
  if (servers.length === 0) return
  const seen = (): number =>
    servers.flatMap((s) => requestsTo(s, method, path)).filter((l) => l.status === status).length
  await waitUntil(
    `${count} × ${method} ${path} → ${status} in the server logs`,
    () => seen() >= count,
  )
}

/**
 * The product's whole journey through the SDK: dev login → me → a counter that survives an app
 * restart (token in storage) → cart → notes CRUD → a second device of the same user lists the
 * devices and revokes the first → the first device's next call takes the session-expired path
 * and logs in again → logout clears the token. Steps share state, in order.
 */
export function describeSdkJourney(kit: ClientKit, target: () => JourneyTarget): void {
  describe(`SDK journey over ${kit.name}`, () => {
    const openid = `o-e2e-${kit.name}-${randomBytes(4).toString('hex')}`
    let first: Device
    let second: Device
    let user: User
    const device = (label: string): Device => {
      const t = target()
      return kit.device({ baseURL: t.baseURL, standInUrl: t.standInUrl, openid, device: label })
    }

    it('logs in through the dev WeChat stand-in and reads /api/me', async () => {
      first = device(`${kit.name} phone A`)
      expect(first.client.hasSession).toBe(false)
      const me = await first.client.get<{ user: User }>('/api/me')
      user = me.data.user
      expect(user.id).toBeDefined()
      expect(first.logins()).toBe(1)
      expect(first.storedToken()).toMatch(/^[\w.-]{43,}$/)
      await waitForRequests(target().servers, 'POST', '/api/auth/login', 200, 1)
    })

    it('keeps the counter across an app restart (token from storage)', async () => {
      expect((await first.client.post<{ count: number }>('/api/counter')).data.count).toBe(1)
      expect((await first.client.post<{ count: number }>('/api/counter')).data.count).toBe(2)
      const token = first.client.getToken()
      first = first.restart()
      expect((await first.client.get<{ count: number }>('/api/counter')).data.count).toBe(2)
      expect((await first.client.post<{ count: number }>('/api/counter')).data.count).toBe(3)
      expect(first.client.getToken()).toBe(token)
      expect(first.logins()).toBe(1)
    })

    it('fills and edits a cart', async () => {
      const c = first.client
      expect((await c.put('/api/cart/items/A1', { qty: 2 })).data).toEqual({ sku: 'A1', qty: 2 })
      await c.put('/api/cart/items/B-2', { qty: 5 })
      await c.put('/api/cart/items/C_3', { qty: 1 })
      expect((await c.delete('/api/cart/items/C_3')).status).toBe(204)
      const error = await c.put('/api/cart/items/A1', { qty: 100 }).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(HttpError)
      expect(error).toMatchObject({ status: 400 })
      expect((await c.get('/api/cart')).data).toEqual({ items: { A1: 2, 'B-2': 5 } })
    })

    it('creates, lists, edits and deletes notes', async () => {
      const c = first.client
      const created = await c.post<{ note: Note }>('/api/notes', { text: 'buy milk' })
      expect(created.status).toBe(201)
      const id = created.data.note.id
      await c.post('/api/notes', { text: 'call mum' })
      await c.patch(`/api/notes/${id}`, { text: 'buy oat milk' })
      let notes = (await c.get<{ notes: Note[] }>('/api/notes')).data.notes
      expect(notes.map((n) => n.text).sort()).toEqual(['buy oat milk', 'call mum'])
      expect((await c.delete(`/api/notes/${id}`)).status).toBe(204)
      notes = (await c.get<{ notes: Note[] }>('/api/notes')).data.notes
      expect(notes.map((n) => n.text)).toEqual(['call mum'])
    })

    it('lets a second device of the same user list the devices and revoke the first', async () => {
      second = device(`${kit.name} tablet B`)
      expect((await second.client.get<{ user: User }>('/api/me')).data.user.id).toBe(user.id)
      const sessions = await sessionsOf(second.client)
      expect(sessions.map((s) => [s.device, s.current]).sort()).toEqual([
        [`${kit.name} phone A`, false],
        [`${kit.name} tablet B`, true],
      ])
      const other = sessions.find((s) => !s.current) as SessionInfo
      expect((await second.client.delete(`/api/sessions/${other.handle}`)).status).toBe(204)
      expect(await sessionsOf(second.client)).toHaveLength(1)
    })

    it('takes the session-expired path on the revoked device and logs in again', async () => {
      const revoked = first.client.getToken()
      const notes = await first.client.get<{ notes: Note[] }>('/api/notes')
      expect(notes.data.notes.map((n) => n.text)).toEqual(['call mum'])
      expect(first.logins()).toBe(2)
      expect(first.client.getToken()).not.toBe(revoked)
      expect(first.storedToken()).toBe(first.client.getToken())
      await waitForRequests(target().servers, 'GET', '/api/notes', 401, 1)
      expect(await sessionsOf(second.client)).toHaveLength(2)
    })

    it('logs out: the token is cleared and the session is gone on the server', async () => {
      await first.client.logout()
      expect(first.client.hasSession).toBe(false)
      expect(first.storedToken()).toBeNull()
      const error = await first.client.get('/api/me', { auth: false }).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(SessionExpiredError)
      expect(error).toMatchObject({ reason: 'SESSION_REQUIRED' })
      const left = await sessionsOf(second.client)
      expect(left.map((s) => s.device)).toEqual([`${kit.name} tablet B`])
      await second.client.logout()
    })
  })
}
