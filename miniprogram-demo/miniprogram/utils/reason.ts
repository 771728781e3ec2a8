import { describeError } from './run'

/**
 * Why the server refused, in its own words (`error.message` of its JSON answer), or the SDK
 * error as `describeError` puts it when the server said nothing (no network, a timeout).
 */
export function reasonOf(error: unknown): string {
  const message = (error as { data?: { error?: { message?: unknown } } } | null)?.data?.error
    ?.message
  return typeof message === 'string' ? message : describeError(error)
}

/** The server's code of a refusal (`CONTENT_REJECTED`...), if it was one. */
export function serverCodeOf(error: unknown): string | undefined {
  const code = (error as { data?: { error?: { code?: unknown } } } | null)?.data?.error?.code
  return typeof code === 'string' ? code : undefined
}
