/** Protocol: a token is at most 256 characters of `A-Z a-z 0-9 - _ .`. */
const TOKEN = /^[\w.-]{1,256}$/

/** Whether `value` can be a session token (a corrupted or duplicated value cannot). */
export function isWellFormedToken(value: string): boolean {
  return TOKEN.test(value)
}

/** At most 6 characters of a token (fewer for short ones), for logs and debugging. */
export function redact(token: string): string {
  return token.slice(0, Math.min(6, token.length >> 1)) + '…'
}
