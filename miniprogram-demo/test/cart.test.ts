import { itemKeys, loadPage, showPage, tap, tapItem, type, text, useServer } from './support/page'

describe('cart page', () => {
  let id: string
  beforeAll(() => {
    useServer('mp-cart')
    id = loadPage('cart')
  })

  it('starts empty', async () => {
    const page = await showPage(id)
    expect(text(page, '#cart')).toBe('The cart is empty.')
  })

  it('puts items, changes a quantity and removes an item', async () => {
    const page = await showPage(id)
    await tap(page, '#cart-put') // the defaults: A1 × 1
    await type(page, '#cart-sku', 'B2')
    await type(page, '#cart-qty', '3')
    await tap(page, '#cart-put')
    expect(itemKeys(page, '#cart', 'sku')).toEqual(['A1', 'B2'])
    await type(page, '#cart-qty', '5')
    await tap(page, '#cart-put')
    expect(text(page, '#cart')).toContain('B2 × 5')
    await tapItem(page, '.remove', 'sku', 'A1')
    expect(itemKeys(page, '#cart', 'sku')).toEqual(['B2'])
    // What the server keeps, seen by a fresh visit of the page.
    expect(text(await showPage(id), '#cart')).toBe('B2 × 5Remove')
  })

  it("shows the server's validation error by class, code and field", async () => {
    const page = await showPage(id)
    await type(page, '#cart-qty', '100')
    await tap(page, '#cart-put')
    expect(text(page, '#error')).toMatch(/^HttpError HTTP_ERROR: 400 VALIDATION_FAILED: /)
    await type(page, '#cart-qty', '1')
    await tap(page, '#cart-put')
    expect(text(page, '#error')).toBeNull()
  })
})
