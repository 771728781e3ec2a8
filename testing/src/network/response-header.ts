/** Response headers as a mini-program reports them: a plain object of names to values. */
export type HeaderObject = Record<string, string>

/**
 * The header object a mini-program builds from the raw header list: the server's names (or
 * lower case), a repeated header joined into one value with `, ` (weapp-cookie#28 reports joined
 * `Set-Cookie` values), the first casing kept.
 */
export function toHeaderObject(rawHeaders: readonly string[], lowercase: boolean): HeaderObject {
  const header: HeaderObject = {}
  const byLowerName = new Map<string, string>()
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const raw = rawHeaders[i] as string
    const value = rawHeaders[i + 1] as string
    const lower = raw.toLowerCase()
    const seen = byLowerName.get(lower)
    if (seen === undefined) {
      const name = lowercase ? lower : raw
      byLowerName.set(lower, name)
      header[name] = value
    } else header[seen] = `${header[seen]}, ${value}`
  }
  return header
}

/** Every `Set-Cookie` value, one per entry (WeChat's `cookies: string[]`). */
export function cookiesOf(rawHeaders: readonly string[]): string[] {
  const cookies: string[] = []
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    if ((rawHeaders[i] as string).toLowerCase() === 'set-cookie') {
      cookies.push(rawHeaders[i + 1] as string)
    }
  }
  return cookies
}
