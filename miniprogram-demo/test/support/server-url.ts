/** The variable through which `global-setup.ts` hands the server's URL to the test workers. */
export const DEMO_API_URL = 'MINIPROGRAM_DEMO_API_URL'

/** The URL of the reference server the page tests talk to. */
export function serverURL(): string {
  const url = process.env[DEMO_API_URL]
  if (!url) throw new Error(`${DEMO_API_URL} is not set: is test/support/global-setup.ts wired?`)
  return url
}
