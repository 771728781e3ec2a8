import { randomBytes } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { basename } from 'node:path'

/** `k=v&k=v` with `encodeURIComponent`, as WeChat turns an object into a query or form. */
function toQuery(data: Record<string, unknown>): string {
  return Object.entries(data)
    .map(([key, value]) => {
      const text = typeof value === 'object' && value !== null ? JSON.stringify(value) : value
      return `${encodeURIComponent(key)}=${encodeURIComponent(String(text))}`
    })
    .join('&')
}

/**
 * The URL and body of a request (the platforms share WeChat's rules): an object goes into the query string of a GET/HEAD, into a
 * form for `application/x-www-form-urlencoded`, and into JSON otherwise; a string or an
 * `ArrayBuffer` is sent as it is.
 */
export function requestBody(
  url: string,
  method: string,
  data: unknown,
  contentType: string,
): { url: string; body: Buffer | undefined } {
  if (data === undefined || data === null) return { url, body: undefined }
  if (data instanceof ArrayBuffer) return { url, body: Buffer.from(new Uint8Array(data)) }
  if (ArrayBuffer.isView(data)) {
    return { url, body: Buffer.from(data.buffer, data.byteOffset, data.byteLength) }
  }
  if (typeof data === 'string') {
    if (method === 'GET' || method === 'HEAD') {
      return {
        url: data === '' ? url : `${url}${url.includes('?') ? '&' : '?'}${data}`,
        body: undefined,
      }
    }
    return { url, body: Buffer.from(data) }
  }
  const object = data as Record<string, unknown>
  if (method === 'GET' || method === 'HEAD') {
    const query = toQuery(object)
    return {
      url: query === '' ? url : `${url}${url.includes('?') ? '&' : '?'}${query}`,
      body: undefined,
    }
  }
  if (/application\/x-www-form-urlencoded/i.test(contentType)) {
    return { url, body: Buffer.from(toQuery(object)) }
  }
  return { url, body: Buffer.from(JSON.stringify(object)) }
}

/** A `multipart/form-data` body with the form fields and the file, as `wx.uploadFile` sends. */
export async function multipartBody(
  name: string,
  filePath: string,
  formData: Record<string, unknown> = {},
): Promise<{ body: Buffer; contentType: string }> {
  const boundary = `----MiniRuntimeBoundary${randomBytes(8).toString('hex')}`
  const parts: Buffer[] = []
  for (const [field, value] of Object.entries(formData)) {
    const text = typeof value === 'string' ? value : JSON.stringify(value)
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${field}"\r\n\r\n${text}\r\n`,
      ),
    )
  }
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${name}"; ` +
        `filename="${basename(filePath)}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    await readFile(filePath),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  )
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` }
}
