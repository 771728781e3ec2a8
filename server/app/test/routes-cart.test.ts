import { TokenClient } from '../../session/test/support/http'
import { describeRoutes } from './support/route-app'

describeRoutes('the anonymous cart', (harness) => {
  it('starts empty, without creating a session', async () => {
    const c = new TokenClient(harness().url)
    const res = await c.send('GET', '/api/cart')
    expect(res.status).toBe(200)
    expect(res.body).toEqual({ items: {} })
    expect(res.token).toBeNull()
  })

  it('sets, replaces and deletes items', async () => {
    const c = new TokenClient(harness().url)
    const put = await c.send('PUT', '/api/cart/items/A1', { qty: 2 })
    expect(put.status).toBe(200)
    expect(put.body).toEqual({ sku: 'A1', qty: 2 })
    expect(put.sessionStatus).toBe('created')
    await c.send('PUT', '/api/cart/items/b_2-x', { qty: 99 })
    await c.send('PUT', '/api/cart/items/A1', { qty: 1 })
    expect((await c.send('GET', '/api/cart')).body).toEqual({ items: { A1: 1, 'b_2-x': 99 } })
    expect((await c.send('DELETE', '/api/cart/items/A1')).status).toBe(204)
    expect((await c.send('DELETE', '/api/cart/items/never-there')).status).toBe(204)
    expect((await c.send('GET', '/api/cart')).body).toEqual({ items: { 'b_2-x': 99 } })
  })

  it('keeps all of 10 parallel PUTs of different skus from one client', async () => {
    const c = new TokenClient(harness().url)
    await c.send('PUT', '/api/cart/items/first', { qty: 1 })
    const skus = Array.from({ length: 10 }, (_, i) => `sku-${i}`)
    const answers = await Promise.all(
      skus.map((sku, i) => c.send('PUT', `/api/cart/items/${sku}`, { qty: i + 1 })),
    )
    expect(answers.map((a) => a.status)).toEqual(skus.map(() => 200))
    // Nobody rotated or dropped the token meanwhile.
    expect(answers.map((a) => a.token)).toEqual(skus.map(() => null))
    const expected: Record<string, number> = { first: 1 }
    skus.forEach((sku, i) => (expected[sku] = i + 1))
    expect((await c.send('GET', '/api/cart')).body).toEqual({ items: expected })
  })

  it('takes any sku of the allowed alphabet, __proto__ included, as a plain key', async () => {
    const c = new TokenClient(harness().url)
    await c.send('PUT', '/api/cart/items/__proto__', { qty: 3 })
    await c.send('PUT', '/api/cart/items/constructor', { qty: 4 })
    const res = await c.send('GET', '/api/cart')
    expect(JSON.stringify(res.body)).toBe('{"items":{"__proto__":3,"constructor":4}}')
  })

  it('refuses a bad sku or quantity with VALIDATION_FAILED and writes nothing', async () => {
    const c = new TokenClient(harness().url)
    const bad: [string, unknown, string[]][] = [
      ['A1', { qty: 0 }, ['qty']],
      ['A1', { qty: 100 }, ['qty']],
      ['A1', { qty: 1.5 }, ['qty']],
      ['A1', { qty: '2' }, ['qty']],
      ['A1', {}, ['qty']],
      ['x'.repeat(33), { qty: 1 }, ['sku']],
      ['bad%20sku', { qty: 1 }, ['sku']],
      ['sku.dot', { qty: 0 }, ['sku', 'qty']],
    ]
    for (const [sku, body, fields] of bad) {
      const res = await c.send('PUT', `/api/cart/items/${sku}`, body)
      expect(res.status).toBe(400)
      expect(res.body).toMatchObject({ error: { code: 'VALIDATION_FAILED' } })
      const error = res.body?.error as { fields: Record<string, string> }
      expect(Object.keys(error.fields).sort()).toEqual(fields.sort())
      expect(res.token).toBeNull()
    }
    const del = await c.send('DELETE', '/api/cart/items/bad.sku')
    expect(del.status).toBe(400)
    expect(c.token).toBeNull()
  })
})
