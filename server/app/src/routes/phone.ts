import { LoginRequiredError, WechatApiError } from '../errors'
import { toPublicUser } from '../models'
import { requireLogin } from './require-login'
import type { AppRouter, RouteDeps } from './route-deps'
import { FieldErrors, readBody } from './validate'

// The phone-number button's codes are 32 hex characters today; allow any printable ASCII up to 128.
const CODE = /^[\x21-\x7e]{1,128}$/
/** What the columns hold: `phone` 20 characters, `phone_country_code` 4. */
const PURE_NUMBER = /^\d{1,20}$/
const COUNTRY_CODE = /^\d{1,4}$/

/**
 * `POST /me/phone` `{ code }`: the code of the phone-number button (`bindgetphonenumber`)
 * exchanged through WeChat's `getuserphonenumber` for the user's number, which is stored on
 * the user (`users.phone`, `users.phone_country_code`) and answered masked like `GET /me`:
 * `{ user: { id, createdAt, phone: '138****8000' } }`. WeChat's refusals are `WechatApiError`s
 * (400 `WECHAT_CODE_INVALID` for an unknown, expired or used code, 429 `WECHAT_RATE_LIMITED`
 * with `Retry-After`, 503 `WECHAT_BUSY`...). The number is never logged.
 */
export function registerPhoneRoutes(router: AppRouter, deps: RouteDeps): void {
  const { User } = deps.models

  router.post('/me/phone', async (ctx) => {
    const userId = requireLogin(ctx)
    const { code } = readBody(ctx)
    const errors = new FieldErrors()
    if (typeof code !== 'string' || !CODE.test(code)) {
      errors.add('code', 'expected the code of the phone-number button: 1 to 128 printable ASCII')
    }
    errors.throwIfAny()
    const number = await deps.wechatApi(ctx).getPhoneNumber(code as string)
    if (!PURE_NUMBER.test(number.purePhoneNumber) || !COUNTRY_CODE.test(number.countryCode)) {
      throw new WechatApiError('WECHAT_UNAVAILABLE', {
        api: 'getuserphonenumber',
        reason: 'WeChat answered a number that is not 1 to 20 digits with a 1 to 4 digit code',
      })
    }
    const changed = await User.query()
      .patch({ phone: number.purePhoneNumber, phone_country_code: number.countryCode })
      .where({ id: userId })
    const user = changed > 0 ? await User.query().findById(userId) : undefined
    if (!user) throw new LoginRequiredError('SESSION_REQUIRED')
    ctx.log.info({ userId }, 'phone number saved')
    ctx.body = { user: toPublicUser(user) }
  })
}
