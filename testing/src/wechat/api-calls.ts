/** The WeChat APIs the stand-in plays, by the last segment of their path. */
export const WECHAT_APIS = Object.freeze([
  'jscode2session',
  'stable_token',
  'getuserphonenumber',
  'msg_sec_check',
  'checksession',
] as const)

/** One of the WeChat APIs the stand-in plays. */
export type WechatApiName = (typeof WECHAT_APIS)[number]

/** How many times each API was called (answered or refused), as `GET /stats` reports. */
export type WechatApiStats = Record<WechatApiName, number>

/** The calls each API received, and the APIs told to answer -1 "system error". */
export interface ApiCalls {
  count(api: WechatApiName): void
  stats(): WechatApiStats
  setBusy(api: WechatApiName, busy: boolean): void
  isBusy(api: WechatApiName): boolean
}

/** Whether `name` is one of the APIs the stand-in plays. */
export const isWechatApiName = (name: unknown): name is WechatApiName =>
  typeof name === 'string' && (WECHAT_APIS as readonly string[]).includes(name)

export function createApiCalls(): ApiCalls {
  const counts = Object.fromEntries(WECHAT_APIS.map((api) => [api, 0])) as WechatApiStats
  const busy = new Set<WechatApiName>()
  return {
    count: (api) => void counts[api]++,
    stats: () => ({ ...counts }),
    setBusy: (api, isBusy) => void (isBusy ? busy.add(api) : busy.delete(api)),
    isBusy: (api) => busy.has(api),
  }
}
