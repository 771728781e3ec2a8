import { TokenClient } from '../../session/test/support/http'
import { describeRoutes } from './support/route-app'

/** A POST standing for `method`, as the SDK sends it where the platform lacks the method. */
const OVERRIDE = (method: string) => ({ 'X-HTTP-Method-Override': method })

describeRoutes('X-HTTP-Method-Override', (harness) => {
  it('routes a POST as the PATCH, PUT or DELETE it names, body included', async () => {
    const client = await harness().loggedIn()
    const created = await client.send('POST', '/api/notes', { text: 'first' })
    const id = (created.body?.note as { id: number }).id
    const patched = await client.send(
      'POST',
      `/api/notes/${id}`,
      { text: 'second' },
      OVERRIDE('PATCH'),
    )
    expect(patched.status).toBe(200)
    expect(patched.body).toMatchObject({ note: { id, text: 'second' } })

    const put = await client.send('POST', '/api/cart/items/A1', { qty: 3 }, OVERRIDE('put'))
    expect(put.status).toBe(200)
    expect((await client.send('GET', '/api/cart')).body).toEqual({ items: { A1: 3 } })
    const deleted = await client.send('POST', '/api/cart/items/A1', undefined, OVERRIDE('DELETE'))
    expect(deleted.status).toBe(204)
    expect((await client.send('GET', '/api/cart')).body).toEqual({ items: {} })
  })

  it('refuses other methods, and an override on anything but a POST, naming it', async () => {
    const client = new TokenClient(harness().url)
    for (const [method, override] of [
      ['POST', 'GET'],
      ['POST', 'TRACE'],
      ['POST', 'PATCH, DELETE'],
      ['GET', 'DELETE'],
      ['PUT', 'PATCH'],
    ] as const) {
      const body = method === 'GET' ? undefined : { qty: 1 }
      const res = await client.send(method, '/api/cart/items/A1', body, OVERRIDE(override))
      expect(res.status).toBe(400)
      expect(res.body).toMatchObject({
        error: {
          code: 'METHOD_OVERRIDE_INVALID',
          message: expect.stringContaining('X-HTTP-Method-Override'),
        },
      })
      expect(res.token).toBeNull()
    }
    // Nothing was written: the cart is still empty and no session was made.
    expect((await client.send('GET', '/api/cart')).body).toEqual({ items: {} })
  })

  it('is allowed in a CORS preflight', async () => {
    const res = await fetch(`${harness().url}/api/notes/1`, {
      method: 'OPTIONS',
      headers: {
        Origin: 'https://h5.example',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'x-http-method-override, content-type',
      },
    })
    expect(res.status).toBe(204)
    expect(res.headers.get('access-control-allow-headers')?.toLowerCase()).toContain(
      'x-http-method-override',
    )
  })
})
