/**
 * Preloaded (`node --require`, or NODE_OPTIONS for a whole process tree) into the process that
 * runs WeChat's tools, so that they can never reach a server: every TCP connection (http,
 * https, tls and fetch all open one) and every DNS query fails at once, as on a machine without
 * a network, and is reported on stderr as `network refused: <what> <target>`. Local IPC (a
 * socket `path`) still works.
 */
const dgram = require('node:dgram')
const dns = require('node:dns')
const net = require('node:net')

const PREFIX = 'network refused:'

/** Writes one line per refused attempt, for the test to read back. */
function report(what, target) {
  process.stderr.write(`${PREFIX} ${what} ${target}\n`)
}

/** The error a refused attempt fails with. */
function refusal(code, target) {
  const error = new Error(`${code}: the network is refused in this process (${target})`)
  error.code = code
  return error
}

/** Where a `socket.connect(...)` call goes: `{ path }`, `{ host, port }` or `port, host`. */
function connectTarget(args) {
  const first = Array.isArray(args[0]) ? args[0][0] : args[0]
  if (first !== null && typeof first === 'object') {
    return first.path ? { ipc: true, text: first.path } : { text: `${first.host}:${first.port}` }
  }
  return { text: `${typeof args[1] === 'string' ? args[1] : 'localhost'}:${first}` }
}

const connect = net.Socket.prototype.connect
net.Socket.prototype.connect = function refusedConnect(...args) {
  const target = connectTarget(args)
  if (target.ipc) return connect.apply(this, args)
  report('connect', target.text)
  process.nextTick(() => this.destroy(refusal('ENETUNREACH', target.text)))
  return this
}

/** A DNS function that fails, the callback way or the promise way. */
function refusedQuery(name, style) {
  return function refused(host, ...rest) {
    report(`dns.${name}`, host)
    const error = refusal('ENOTFOUND', host)
    if (style === 'promise') return Promise.reject(error)
    const callback = rest.find((arg) => typeof arg === 'function')
    if (callback) process.nextTick(() => callback(error))
  }
}

const QUERIES = ['lookup', 'lookupService', 'resolve', 'resolve4', 'resolve6', 'resolveAny']
for (const name of QUERIES) {
  dns[name] = refusedQuery(name, 'callback')
  if (dns.promises) dns.promises[name] = refusedQuery(name, 'promise')
}

dgram.Socket.prototype.send = function refusedSend(...args) {
  report('udp', `${args.find((arg) => typeof arg === 'string') ?? ''}`)
  const callback = args.find((arg) => typeof arg === 'function')
  if (callback) process.nextTick(() => callback(refusal('ENETUNREACH', 'udp')))
}
