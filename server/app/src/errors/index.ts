export { AppError } from './app-error'
export { ValidationError } from './validation-error'
export { NotFoundError } from './not-found-error'
export { RateLimitedError } from './rate-limited-error'
export { LoginRequiredError } from './login-required-error'
export { WechatLoginError } from './wechat-login-error'
export { WechatUnavailableError } from './wechat-unavailable-error'
export { MethodOverrideError } from './method-override-error'
export {
  WechatApiError,
  type WechatApiErrorCode,
  type WechatApiErrorContext,
} from './wechat-api-error'
export { WechatDataInvalidError, type WechatDataCheck } from './wechat-data-invalid-error'
export { ContentRejectedError } from './content-rejected-error'
export { ContentCheckUnavailableError } from './content-check-unavailable-error'
export { SessionKeyMissingError } from './session-key-missing-error'
