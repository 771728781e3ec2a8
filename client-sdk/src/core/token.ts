/**
 * Protocol: a token is at most 256 characters of `A-Z a-z 0-9 - _ .`; `TOKEN.test(value)` says
 * whether `value` can be a session token (a corrupted or duplicated value cannot).
 */
export const TOKEN = /^[\w.-]{1,256}$/
