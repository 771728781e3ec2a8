import { randomBytes } from 'node:crypto'

/** What a phone code will do at `getuserphonenumber`. */
export interface IssuePhoneCodeOptions {
  /** The country calling code, digits only. Default `'86'`. */
  countryCode?: string
  /** Answer this WeChat errcode instead (e.g. 45011, 40163). */
  errcode?: number
}

/** An issued phone code, as `getuserphonenumber` finds it. */
export interface PhoneCodeEntry {
  purePhoneNumber: string
  countryCode: string
  errcode: number | null
  /** When the user tapped the button (the clock's ms): the answer's watermark timestamp. */
  issuedAt: number
  expiresAt: number
}

/** The codes the phone-number button hands out: single use, 5 minutes. */
export interface PhoneCodeTable {
  issue(purePhoneNumber: string, options?: IssuePhoneCodeOptions): string
  /** The entry of `code` if it was issued, has not expired and was not used; it is used now. */
  take(code: string): PhoneCodeEntry | undefined
}

/** A phone code table of at most `maxCodes` entries, each living `codeTtlMs`; oldest go first. */
export function createPhoneCodeTable(
  codeTtlMs: number,
  maxCodes: number,
  now: () => number,
): PhoneCodeTable {
  const codes = new Map<string, PhoneCodeEntry>()
  return {
    issue(purePhoneNumber, options = {}) {
      const at = now()
      for (const [code, entry] of codes) {
        if (entry.expiresAt > at && codes.size < maxCodes) break
        codes.delete(code)
      }
      // WeChat's phone codes are 64 hex characters.
      const code = randomBytes(32).toString('hex')
      codes.set(code, {
        purePhoneNumber,
        countryCode: options.countryCode ?? '86',
        errcode: options.errcode ?? null,
        issuedAt: at,
        expiresAt: at + codeTtlMs,
      })
      return code
    },
    take(code) {
      const entry = codes.get(code)
      codes.delete(code)
      return entry && entry.expiresAt > now() ? entry : undefined
    },
  }
}
