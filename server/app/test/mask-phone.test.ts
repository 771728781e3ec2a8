import { maskPhone } from '../src/models/mask-phone'
import { toPublicUser, User } from '../src/models'

describe('maskPhone', () => {
  it.each([
    ['13800138000', '86', '138****8000'],
    ['1380013800012', '86', '138******0012'],
    ['61234567', '852', '+852 61****67'],
    ['212345678', '33', '+33 21****678'],
    ['6123456', '65', '+65 6****56'],
    ['12345', '86', '****5'],
    ['1234', '86', '****'],
    ['12', '86', '**'],
  ])('shows %s (+%s) as %s', (number, countryCode, masked) => {
    expect(maskPhone(number, countryCode)).toBe(masked)
  })

  it('hides at least 4 digits, and never more than 3 in front and 4 behind are shown', () => {
    for (let digits = 1; digits <= 20; digits++) {
      const number = '9'.repeat(digits)
      const masked = maskPhone(number, '86')
      expect(masked).toHaveLength(digits)
      const hidden = masked.split('').filter((c) => c === '*').length
      expect(hidden).toBeGreaterThanOrEqual(Math.min(4, digits))
      expect(masked).toMatch(/^9{0,3}\*+9{0,4}$/)
    }
  })
})

describe('toPublicUser', () => {
  it('shows the phone masked, or null', () => {
    const user = User.fromJson({ id: 'u1', openid: 'o', created_at: 0, last_login_at: 0 })
    expect(toPublicUser(user)).toEqual({
      id: 'u1',
      createdAt: '1970-01-01T00:00:00.000Z',
      phone: null,
    })
    user.phone = '13800138000'
    user.phone_country_code = '86'
    expect(toPublicUser(user).phone).toBe('138****8000')
  })
})
