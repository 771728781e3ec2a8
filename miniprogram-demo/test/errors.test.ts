import { config } from '../miniprogram/config'
import { loadPage, showPage, tap, text, useServer } from './support/page'

describe('a page whose server cannot be reached', () => {
  let id: string
  beforeAll(() => {
    useServer('mp-errors')
    config.apiBaseURL = 'http://127.0.0.1:1' // nothing listens on port 1
    id = loadPage('counter')
  })

  it('shows the SDK error by class and code', async () => {
    const page = await showPage(id)
    expect(text(page, '#error')).toMatch(/^NetworkError NETWORK_ERROR: request:fail .*ECONNREFUSED/)
    await tap(page, '#counter-inc')
    expect(text(page, '#error')).toMatch(/^NetworkError NETWORK_ERROR: /)
    expect(text(page, '#counter-value')).toBe('0')
  })
})
