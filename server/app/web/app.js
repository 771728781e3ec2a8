/* global document, location, navigator, fetch, URL, URLSearchParams */
/**
 * The H5 demo page: every call goes through the client SDK's fetch adapter, loaded as ES modules
 * from `/sdk/` (the server serves client-sdk/dist/esm there). The API is this page's origin, or
 * the one given as `?api=http://127.0.0.1:4000` (a cross-origin API: real CORS preflights).
 * A classic script with dynamic `import()`, so it needs no bundler.
 */
'use strict'

const $ = (id) => document.getElementById(id)
/** Every SDK call, and the dev code request, in flight: `aria-busy` on <body> while any runs. */
let pending = 0
let sdk
let client
let loggedIn = false

/** The API's base URL: `?api=` (http or https only) or this page's origin. */
function apiBase() {
  const given = new URLSearchParams(location.search).get('api')
  if (!given) return location.origin
  const url = new URL(given)
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`?api= must be an http(s) URL, got ${given}`)
  }
  return url.origin + url.pathname.replace(/\/+$/, '')
}

/** A printable-ASCII device label for the session list (the server keeps 64 characters). */
function deviceLabel() {
  const ua = navigator.userAgent
  const browser = ['Edg', 'Firefox', 'Chrome', 'Safari'].find((name) => ua.includes(name + '/'))
  return `H5 page (${browser === 'Edg' ? 'Edge' : (browser ?? 'browser')})`
}

/** A code from the dev WeChat stand-in, as `wx.login` would give one for this openid. */
async function devCode(base, openid) {
  const res = await fetch(`${base}/__dev/wechat/codes`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ openid }),
    credentials: 'omit',
  })
  const body = await res.json().catch(() => ({}))
  if (!res.ok || typeof body.code !== 'string') {
    const why = body.error ? ` ${body.error.code}: ${body.error.message}` : ''
    throw new sdk.LoginError(`The dev WeChat stand-in answered ${res.status}${why}`)
  }
  return body.code
}

/** A code of the phone-number button for `phoneNumber`, from the dev WeChat stand-in. */
async function devPhoneCode(base, phoneNumber) {
  const res = await fetch(`${base}/__dev/wechat/phone-codes`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ phoneNumber }),
    credentials: 'omit',
  })
  const body = await res.json().catch(() => ({}))
  if (!res.ok || typeof body.code !== 'string') {
    const why = body.error ? ` ${body.error.code}: ${body.error.message}` : ''
    const fields = body.error && body.error.fields ? ` (${Object.values(body.error.fields)})` : ''
    throw new Error(`The dev WeChat stand-in answered ${res.status}${why}${fields}`)
  }
  return body.code
}

/**
 * The server's refusals of a text that WeChat's content check decides: 422 `CONTENT_REJECTED`
 * (risky) and 503 `CONTENT_CHECK_UNAVAILABLE` (WeChat cannot check now). Nothing was stored.
 */
const CONTENT_REFUSALS = ['CONTENT_REJECTED', 'CONTENT_CHECK_UNAVAILABLE']

/** Says why a note was not stored, or hides the line (`reason` null). */
function showRefusal(reason) {
  const line = $('note-refused')
  line.hidden = !reason
  line.textContent = reason ? `Not saved: ${reason}` : ''
}

/** `Name CODE: message`, with the server's error code and message for an HttpError. */
function describe(error) {
  const server = error && error.data && error.data.error
  if (server) {
    const fields = server.fields ? ` (${Object.values(server.fields).join('; ')})` : ''
    return `${error.name} ${error.code}: ${error.status} ${server.code}: ${server.message}${fields}`
  }
  if (error && error.code) return `${error.name} ${error.code}: ${error.message}`
  return String((error && error.message) || error)
}

function showError(error) {
  const box = $('error')
  box.hidden = !error
  box.textContent = error ? describe(error) : ''
  box.dataset.name = error ? String(error.name || 'Error') : ''
  box.dataset.code = error ? String(error.code || '') : ''
}

/** Runs a user action: clears the error, shows the one it throws, refreshes after a 401. */
async function act(action) {
  pending++
  document.body.setAttribute('aria-busy', 'true')
  showError(null)
  try {
    await action()
  } catch (error) {
    showError(error)
    if (sdk && error instanceof sdk.SessionExpiredError) await refreshAccount().catch(() => {})
  } finally {
    if (--pending === 0) document.body.removeAttribute('aria-busy')
  }
}

function item(list, attrs, text, buttons) {
  const li = document.createElement('li')
  Object.entries(attrs).forEach(([name, value]) => li.setAttribute(name, value))
  const label = document.createElement('span')
  label.textContent = text
  li.append(label)
  buttons.forEach(([caption, onClick]) => {
    const button = document.createElement('button')
    button.type = 'button'
    button.className = 'small secondary'
    button.textContent = caption
    button.addEventListener('click', () => act(onClick))
    li.append(button)
  })
  list.append(li)
}

function placeholder(list, text) {
  list.replaceChildren()
  const li = document.createElement('li')
  li.className = 'empty'
  li.textContent = text
  list.append(li)
}

async function refreshCounter() {
  $('counter-value').textContent = String((await client.get('/api/counter')).data.count)
}

async function refreshCart() {
  const list = $('cart')
  const entries = Object.entries((await client.get('/api/cart')).data.items)
  if (entries.length === 0) return placeholder(list, 'The cart is empty.')
  list.replaceChildren()
  for (const [sku, qty] of entries.sort()) {
    item(list, { 'data-sku': sku }, `${sku} × ${qty}`, [
      ['Remove', () => client.delete(`/api/cart/items/${sku}`).then(refreshCart)],
    ])
  }
}

async function refreshNotes() {
  const list = $('notes')
  if (!loggedIn) return placeholder(list, 'Log in to keep notes.')
  const { notes } = (await client.get('/api/notes')).data
  if (notes.length === 0) return placeholder(list, 'No notes yet.')
  list.replaceChildren()
  for (const note of notes) {
    item(list, { 'data-note-id': String(note.id) }, note.text, [
      ['Delete', () => client.delete(`/api/notes/${note.id}`).then(refreshNotes)],
    ])
  }
}

async function refreshDevices() {
  const list = $('devices')
  if (!loggedIn) return placeholder(list, 'Log in to see your devices.')
  const { sessions } = (await client.get('/api/sessions')).data
  list.replaceChildren()
  for (const s of sessions) {
    const seen = new Date(s.lastSeenAt).toLocaleString()
    const text = `${s.device ?? 'unnamed device'}${s.current ? ' (this one)' : ''}, seen ${seen}`
    const revoke = () =>
      client.delete(`/api/sessions/${s.handle}`).then(s.current ? refreshAll : refreshDevices)
    const attrs = { 'data-handle': s.handle, 'data-current': String(s.current) }
    item(list, attrs, text, [[s.current ? 'Log out' : 'Revoke', revoke]])
  }
}

/** `GET /api/me` decides whether notes and devices can be shown; a 401 means logged out. */
async function refreshAccount() {
  try {
    const { user } = (await client.get('/api/me')).data
    loggedIn = true
    $('me').textContent = `Logged in as user ${user.id} (since ${user.createdAt.slice(0, 10)})`
    showPhone(user.phone)
  } catch (error) {
    if (!(error instanceof sdk.SessionExpiredError)) throw error
    loggedIn = false
    $('me').textContent = 'Not logged in'
    showPhone(null)
  }
  $('phone-bind').disabled = !loggedIn
  document.body.dataset.loggedIn = String(loggedIn)
  await Promise.all([refreshNotes(), refreshDevices()])
}

/** The phone number as the server answers it: masked (`138****8000`), or null. */
function showPhone(masked) {
  $('phone').textContent = masked ? `Phone: ${masked}` : 'No phone number'
}

const refreshAll = () => Promise.all([refreshAccount(), refreshCounter(), refreshCart()])

function showSession(event) {
  // The SDK never hands out more than 6 characters of the token here (`tokenPreview`).
  $('session').textContent = `${event.hasToken ? event.tokenPreview : 'none'} (${event.reason})`
}

function wire(base) {
  const submit = (id, action) =>
    $(id).addEventListener('submit', (e) => {
      e.preventDefault()
      act(action)
    })
  const click = (id, action) => $(id).addEventListener('click', () => act(action))
  submit('login-form', async () => {
    await client.login()
    await refreshAll()
  })
  click('logout', async () => {
    await client.logout()
    await refreshAll()
  })
  click('counter-inc', async () => {
    $('counter-value').textContent = String((await client.post('/api/counter')).data.count)
  })
  submit('cart-form', async () => {
    const sku = $('cart-sku').value.trim()
    await client.put(`/api/cart/items/${encodeURIComponent(sku)}`, {
      qty: $('cart-qty').valueAsNumber,
    })
    await refreshCart()
  })
  submit('phone-form', async () => {
    const code = await devPhoneCode(base, $('phone-number').value.trim())
    showPhone((await client.post('/api/me/phone', { code })).data.user.phone)
  })
  submit('note-form', async () => {
    showRefusal(null)
    try {
      await client.post('/api/notes', { text: $('note-text').value })
    } catch (error) {
      const server = error instanceof sdk.HttpError && error.data && error.data.error
      if (!server || !CONTENT_REFUSALS.includes(server.code)) throw error
      // The text stays in the field, to change or send again.
      return showRefusal(server.message)
    }
    $('note-text').value = ''
    await refreshNotes()
  })
  click('devices-refresh', refreshDevices)
  click('devices-revoke-others', async () => {
    await client.post('/api/sessions/revoke-others')
    await refreshDevices()
  })
}

async function main() {
  const base = apiBase()
  $('api-base').textContent = base
  try {
    const [core, web] = await Promise.all([
      import('./sdk/index.mjs'),
      import('./sdk/fetch/index.mjs'),
    ])
    sdk = { ...core, ...web }
  } catch (error) {
    throw new Error(`Could not load the SDK from /sdk/ (run \`npm run build\`): ${error.message}`)
  }
  client = sdk.createClient({
    baseURL: base,
    transport: sdk.createFetchTransport(),
    // One session per tab: a second tab is a second device in the list.
    storage: sdk.createSessionStorage(),
    login: sdk.createCodeLogin({
      getCode: () => devCode(base, $('openid').value.trim()),
      headers: { 'Cache-Control': 'no-store', 'X-Client-Device': deviceLabel() },
    }),
    hooks: { onSessionChange: showSession },
  })
  wire(base)
  await refreshAll()
}

document.addEventListener('DOMContentLoaded', () => act(main))
