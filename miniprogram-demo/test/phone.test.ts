import { phoneCode } from './support/http'
import { fire, loadPage, showPage, tap, text, useServer, wxNode } from './support/page'

/** What the phone-number button gives when the user allows it: a code minted by the stand-in. */
const allowed = async (phoneNumber: string) => ({
  code: await phoneCode(phoneNumber),
  errMsg: 'getPhoneNumber:ok',
})

describe('home page: the phone-number button', () => {
  let id: string
  beforeAll(() => {
    useServer('mp-phone')
    id = loadPage('home')
  })

  it('is there once logged in only', async () => {
    const page = await showPage(id)
    expect(page.querySelector('#phone-bind')).toBeUndefined()
    await tap(page, '#login')
    expect(text(page, '#phone')).toBe('None shared yet')
    expect(page.querySelector('#phone-bind')).toBeDefined()
  })

  it("sends the button's code and shows the number masked, on this visit and the next", async () => {
    const page = await showPage(id)
    await fire(page, '#phone-bind', 'getphonenumber', await allowed('13800138000'))
    expect(text(page, '#phone-error')).toBeNull()
    expect(text(page, '#phone')).toBe('138****8000')
    expect(wxNode().sent.slice(-1)).toEqual(['POST /api/me/phone'])
    expect(text(await showPage(id), '#phone')).toBe('138****8000')
  })

  it('says why a code used twice is refused, and keeps the number', async () => {
    const page = await showPage(id)
    const detail = await allowed('13900139000')
    await fire(page, '#phone-bind', 'getphonenumber', detail)
    expect(text(page, '#phone')).toBe('139****9000')
    await fire(page, '#phone-bind', 'getphonenumber', detail)
    expect(text(page, '#phone-error')).toBe(
      'Not saved: WeChat refused the code: unknown, expired or already used; get a new one',
    )
    expect(text(page, '#phone')).toBe('139****9000')
    expect(text(page, '#error')).toBeNull()
  })

  it('asks nothing of the server when the user declines', async () => {
    const page = await showPage(id)
    const before = wxNode().sent.length
    await fire(page, '#phone-bind', 'getphonenumber', { errMsg: 'getPhoneNumber:fail user deny' })
    expect(text(page, '#phone-error')).toBe('You chose not to share a phone number.')
    expect(wxNode().sent).toHaveLength(before)
  })
})
