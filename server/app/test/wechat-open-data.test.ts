import { createCipheriv } from 'node:crypto'
import {
  createWechatStandIn,
  type ListeningStandIn,
  type WechatStandIn,
} from '@header-session/testing'
import { WechatDataInvalidError } from '../src/errors'
import { checkSignature, decryptOpenData } from '../src/wechat/open-data'

/** A fixed key and IV, so that every tampering below fails the same check every run. */
const KEY = Buffer.alloc(16, 7).toString('base64')
const IV = Buffer.alloc(16, 9).toString('base64')

function encrypt(plain: Buffer | string, key = KEY, iv = IV, autoPadding = true): string {
  const cipher = createCipheriv(
    'aes-128-cbc',
    Buffer.from(key, 'base64'),
    Buffer.from(iv, 'base64'),
  )
  cipher.setAutoPadding(autoPadding)
  return Buffer.concat([cipher.update(plain), cipher.final()]).toString('base64')
}

/** The error `run` throws, checked to be ours, with the check that failed. */
function failure(run: () => unknown): WechatDataInvalidError {
  try {
    run()
  } catch (error) {
    expect(error).toBeInstanceOf(WechatDataInvalidError)
    return error as WechatDataInvalidError
  }
  throw new Error('expected WechatDataInvalidError')
}

describe('decryptOpenData on what the stand-in encrypts', () => {
  let standIn: WechatStandIn
  let running: ListeningStandIn
  beforeAll(async () => {
    standIn = createWechatStandIn({ appId: 'wxours' })
    running = await standIn.listen()
  })
  afterAll(() => running.close())

  /** Log `openid` in at the stand-in, as `jscode2session` would. */
  async function login(openid: string): Promise<string> {
    const query = new URLSearchParams({
      appid: standIn.appId,
      secret: standIn.secret,
      js_code: standIn.issueCode({ openid }),
      grant_type: 'authorization_code',
    })
    const answer = JSON.parse(
      await (await fetch(`${running.apiBase}/sns/jscode2session?${query}`)).text(),
    ) as { session_key: string }
    return answer.session_key
  }

  it('decrypts WeRun data with the session_key of the login, watermark checked', async () => {
    const sessionKey = await login('o-runner')
    const res = await fetch(`${running.apiBase}/werun`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        openid: 'o-runner',
        steps: [{ timestamp: 1_700_000_000, step: 8_000 }],
      }),
    })
    const { encryptedData, iv } = (await res.json()) as { encryptedData: string; iv: string }
    const data = decryptOpenData({ encryptedData, iv, sessionKey, appId: 'wxours' })
    expect(data).toEqual({
      stepInfoList: [{ timestamp: 1_700_000_000, step: 8_000 }],
      watermark: { timestamp: expect.any(Number), appid: 'wxours' },
    })
  })

  it('refuses data encrypted with a session_key a later login replaced', async () => {
    const stale = await login('o-stale')
    await login('o-stale')
    const { encryptedData, iv } = standIn.encryptWeRun('o-stale')
    const error = failure(() =>
      decryptOpenData({ encryptedData, iv, sessionKey: stale, appId: 'wxours' }),
    )
    expect(['padding', 'json']).toContain(error.check)
    expect(error).toMatchObject({ status: 400, code: 'WECHAT_DATA_INVALID', expose: true })
  })

  it('refuses data of another mini-program (watermark appid)', async () => {
    const other = createWechatStandIn({ appId: 'wxtheirs' })
    const otherServer = await other.listen()
    try {
      const query = new URLSearchParams({
        appid: 'wxtheirs',
        secret: other.secret,
        js_code: other.issueCode({ openid: 'o-theirs' }),
        grant_type: 'authorization_code',
      })
      await fetch(`${otherServer.apiBase}/sns/jscode2session?${query}`)
      const sessionKey = other.sessionKeyOf('o-theirs') as string
      const { encryptedData, iv } = other.encryptWeRun('o-theirs')
      const error = failure(() =>
        decryptOpenData({ encryptedData, iv, sessionKey, appId: 'wxours' }),
      )
      expect(error.check).toBe('watermark')
      expect(error.message).toMatch(/appid is not this app's/)
    } finally {
      await otherServer.close()
    }
  })
})

describe('decryptOpenData checks', () => {
  const watermarked = JSON.stringify({ openGId: 'G', watermark: { timestamp: 1, appid: 'wxours' } })
  const decrypt = (
    encryptedData: string,
    overrides: Partial<Parameters<typeof decryptOpenData>[0]> = {},
  ) => decryptOpenData({ encryptedData, iv: IV, sessionKey: KEY, appId: 'wxours', ...overrides })

  it('decrypts well-formed data', () => {
    expect(decrypt(encrypt(watermarked))).toEqual(JSON.parse(watermarked))
  })

  it('refuses tampered ciphertext: a flipped byte in the last block breaks the padding', () => {
    const bytes = Buffer.from(encrypt(watermarked), 'base64')
    const last = bytes.length - 1
    bytes[last - 16] = (bytes[last - 16] ?? 0) ^ 0x01
    expect(failure(() => decrypt(bytes.toString('base64'))).check).toBe('padding')
  })

  it('refuses tampered ciphertext: a flipped byte earlier breaks the JSON', () => {
    const bytes = Buffer.from(encrypt(watermarked), 'base64')
    bytes[3] = (bytes[3] ?? 0) ^ 0x40
    expect(failure(() => decrypt(bytes.toString('base64'))).check).toBe('json')
  })

  it('checks every padding byte, not only the last', () => {
    const plain = Buffer.from('{"watermark":{"appid":"wxours","timestamp":1}}')
    // Three bytes of padding claimed, one of them wrong: 0x03 0x07 0x03.
    const padded = Buffer.concat([plain, Buffer.alloc(16 - ((plain.length + 3) % 16))])
    const bad = Buffer.concat([padded, Buffer.from([3, 7, 3])])
    expect(bad.length % 16).toBe(0)
    expect(failure(() => decrypt(encrypt(bad, KEY, IV, false))).check).toBe('padding')
  })

  it('refuses a plaintext that is not a JSON object, or has no watermark', () => {
    expect(failure(() => decrypt(encrypt('[1,2]'))).check).toBe('json')
    expect(failure(() => decrypt(encrypt(Buffer.from([0xff, 0xfe, 0x7b])))).check).toBe('json')
    expect(failure(() => decrypt(encrypt('{"openGId":"G"}'))).check).toBe('watermark')
  })

  it.each([
    [{ sessionKey: 'short' }, /sessionKey/],
    [{ sessionKey: Buffer.alloc(24).toString('base64') }, /sessionKey is not base64 of 16 bytes/],
    [{ iv: '' }, /iv/],
    [{ encryptedData: 'not base64!' }, /encryptedData/],
    [{ encryptedData: Buffer.alloc(20).toString('base64') }, /whole AES blocks/],
  ])('refuses a field in the wrong format: %j', (overrides, message) => {
    const error = failure(() => decrypt(encrypt(watermarked), overrides))
    expect(error.check).toBe('format')
    expect(error.message).toMatch(message)
  })

  it('never puts the key or the data in its message', () => {
    const secretData = JSON.stringify({
      phone: '13800138000',
      watermark: { appid: 'wxtheirs', timestamp: 1 },
    })
    const error = failure(() => decrypt(encrypt(secretData)))
    for (const secret of [KEY, '13800138000', encrypt(secretData)]) {
      expect(JSON.stringify({ ...error, message: error.message })).not.toContain(secret)
    }
  })
})

describe('checkSignature', () => {
  // WeChat's own example (open-ability/signature.html): the rawData, the session_key, and
  // sha1(rawData + session_key).
  const rawData =
    '{"nickName":"Band","gender":1,"language":"zh_CN","city":"Guangzhou","province":"Guangdong","country":"CN","avatarUrl":"http://wx.qlogo.cn/mmopen/vi_32/1vZvI39NWFQ9XM4LtQpFrQJ1xlgZxx3w7bQxKARol6503Iuswjjn6nIGBiaycAjAtpujxyzYsrztuuICqIM5ibXQ/0"}'
  const sessionKey = 'HyVFkGl5F5OQWJZZaNzBBg=='
  const signature = '75e81ceda165f4ffa64f4068af58c64b8f54b88c'

  it('accepts WeChat’s documented example, in either case', () => {
    expect(() => checkSignature(rawData, signature, sessionKey)).not.toThrow()
    expect(() => checkSignature(rawData, signature.toUpperCase(), sessionKey)).not.toThrow()
  })

  it('refuses tampered data, another key, and a malformed signature', () => {
    const tampered = failure(() =>
      checkSignature(rawData.replace('Band', 'Bond'), signature, sessionKey),
    )
    expect(tampered).toMatchObject({ check: 'signature', details: { check: 'signature' } })
    expect(tampered.message).not.toContain(sessionKey)
    expect(
      failure(() => checkSignature(rawData, signature, 'AAAAAAAAAAAAAAAAAAAAAA==')).check,
    ).toBe('signature')
    expect(failure(() => checkSignature(rawData, signature.slice(2), sessionKey)).message).toMatch(
      /40 hex/,
    )
  })
})
