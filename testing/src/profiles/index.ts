import { ALIPAY_PROFILE } from './alipay'
import type { MiniPlatform, PlatformProfile } from './platform-profile'
import { QQ_PROFILE } from './qq'
import { SWAN_PROFILE } from './swan'
import { TT_PROFILE } from './tt'
import { WX_PROFILE } from './wx'

/** Every platform's profile, by platform name. */
export const PROFILES: Readonly<Record<MiniPlatform, PlatformProfile>> = Object.freeze({
  wx: WX_PROFILE,
  alipay: ALIPAY_PROFILE,
  tt: TT_PROFILE,
  qq: QQ_PROFILE,
  swan: SWAN_PROFILE,
})
