/** Protocol: a token is at most 256 characters of `A-Z a-z 0-9 - _ .`. */
const TOKEN = /^[\w.-]{1,256}$/

/** Whether `value` can be a session token (a corrupted or duplicated value cannot). */
export function isWellFormedToken(value: string): boolean {
  return TOKEN.test(value)
}
