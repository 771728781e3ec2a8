/** Digits hidden at least, whatever the length: a short number never shows whole. */
const MIN_HIDDEN = 4
/** Digits shown at most before and after the stars (`138****8000`). */
const MAX_HEAD = 3
const MAX_TAIL = 4

/**
 * A phone number as the app shows it: of the pure number (no country code), the first 3 and
 * the last 4 digits, the others as `*` (`13800138000` → `138****8000`). At least 4 digits are
 * hidden and the shown ones split evenly when the number is shorter than 11 digits
 * (`61234567` → `61****67`, `1234` → `****`). A number outside China (`countryCode` not 86)
 * is prefixed with its code: `+852 61****67`.
 */
export function maskPhone(purePhoneNumber: string, countryCode: string): string {
  const digits = purePhoneNumber.length
  const hidden = Math.min(digits, Math.max(MIN_HIDDEN, digits - MAX_HEAD - MAX_TAIL))
  const shown = digits - hidden
  const head = Math.min(MAX_HEAD, Math.floor(shown / 2))
  const tail = shown - head
  const masked =
    purePhoneNumber.slice(0, head) + '*'.repeat(hidden) + purePhoneNumber.slice(digits - tail)
  return countryCode === '86' ? masked : `+${countryCode} ${masked}`
}
