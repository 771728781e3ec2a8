/** What a page shows of an error: `Name CODE: message`, plus the server's code for an HTTP error. */
export function describeError(error: unknown): string {
  const e = (error ?? {}) as {
    name?: string
    code?: string
    message?: string
    status?: number
    data?: { error?: { code?: string; message?: string } }
  }
  const server = e.data?.error
  if (server) return `${e.name} ${e.code}: ${e.status} ${server.code}: ${server.message}`
  if (e.code) return `${e.name} ${e.code}: ${e.message}`
  return String(e.message ?? error)
}

/** A page that shows one error line (`data.error`). */
interface ErrorShowing {
  setData(data: { error: string }): void
}

/**
 * Runs a page action: clears the page's error, shows the one the action throws. Resolves in
 * both cases, so a tap handler never leaves an unhandled rejection.
 */
export async function run(page: ErrorShowing, action: () => Promise<void>): Promise<void> {
  page.setData({ error: '' })
  try {
    await action()
  } catch (error) {
    page.setData({ error: describeError(error) })
  }
}
