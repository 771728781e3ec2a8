import http from 'node:http'

/**
 * `GET <baseURL><path>` with a session token, straight over HTTP (no SDK, no `wx`): what the
 * server holds for that session. jsdom test environments have no fetch.
 */
export function serverGet<T>(
  baseURL: string,
  path: string,
  token: string,
): Promise<{ status: number; body: T }> {
  return new Promise((resolve, reject) => {
    const headers = { 'X-Header-Session': token }
    http
      .get(`${baseURL}${path}`, { headers }, (res) => {
        let text = ''
        res.on('data', (chunk: Buffer) => (text += chunk))
        res.on('error', reject)
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as T }))
      })
      .on('error', reject)
  })
}
