/** Decides whether a URL's host is one of the request domains a mini-program may call. */
export type DomainCheck = (url: string) => boolean

/**
 * The request domain list of the admin console (WeChat's 服务器域名, Alipay's 服务器域名白名单),
 * from entries such as `https://api.example.com`, `http://127.0.0.1:3000` (an origin: scheme,
 * host and port must match) or `api.example.com` (a host: any scheme, and the port must match
 * exactly, the default port when none is written, as WeChat requires). Without a list, every
 * URL is allowed, as in the developer tools with the check off (不校验合法域名).
 */
export function createDomainCheck(entries: readonly string[] | undefined): DomainCheck {
  if (entries === undefined) return () => true
  const origins = new Set<string>()
  const hosts = new Set<string>()
  for (const entry of entries) {
    if (entry.includes('://')) origins.add(new URL(entry).origin)
    else hosts.add(new URL(`https://${entry}`).host)
  }
  return (url) => {
    let parsed: URL
    try {
      parsed = new URL(url)
    } catch {
      return false
    }
    return origins.has(parsed.origin) || hosts.has(parsed.host)
  }
}
