import { createMemoryStore } from '../src'
import { listen, TokenClient } from './support/http'
import { createSessionTestApp } from './support/session-app'

const OLD = 'old-secret-0123456789abcdef'
const NEW = 'new-secret-0123456789abcdef'

describe('signed tokens', () => {
  it('signs, rotates to the new secret, and refuses tampering without a store hit', async () => {
    const store = createMemoryStore()
    const before = await listen(createSessionTestApp({ store, secrets: [OLD] }))
    const c = new TokenClient(before.url)
    await c.send('POST', '/count')
    const oldToken = c.token as string
    expect(oldToken).toMatch(/^[A-Za-z0-9_-]{43}\.[A-Za-z0-9_-]{43}$/)
    await before.close()

    const after = await listen(createSessionTestApp({ store, secrets: [NEW, OLD] }))
    const c2 = new TokenClient(after.url)
    c2.token = oldToken
    const res = await c2.send('POST', '/count')
    expect(res.body).toEqual({ count: 2 })
    expect(res.sessionStatus).toBe('rotated')
    expect(c2.token?.split('.')[0]).toBe(oldToken.split('.')[0])
    expect(c2.token).not.toBe(oldToken)
    expect((await c2.send('POST', '/count')).token).toBeNull()

    const forged = new TokenClient(after.url)
    forged.token = `${oldToken.split('.')[0]}.${'A'.repeat(43)}`
    const tampered = await forged.send('GET', '/read')
    expect(tampered.sessionStatus).toBe('invalid')
    expect(tampered.body).toMatchObject({ data: {} })
    await after.close()
  })
})
