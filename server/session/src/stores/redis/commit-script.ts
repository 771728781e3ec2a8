import { LUA_JSON } from './lua-json'

/**
 * The commit script: one key (the session), applied atomically on the node that holds it.
 *
 * KEYS[1] the session key. ARGV: 1 lastSeenAt, 2 idleExpiresAt, 3 maxDataBytes,
 * 4 the new userId as JSON (`null` unbinds) or `''` to leave the binding alone, 5 the new
 * device as JSON, then per operation: `d` (delete), `s` (set) or `S` (set whose path or value
 * has a string holding a bracket, see `plainStrings` in `record-format.ts`), the path length n,
 * n path segments encoded with `JSON.stringify`, and for a set the value encoded likewise.
 *
 * Replies `{'applied', version, previousUserIdJson, absoluteExpiresAt}`, `{'missing'}`,
 * `{'too-large', bytes}` or `{'corrupt', reason}` (`decodeCommitReply` names the fields);
 * nothing is written unless applied. Operation semantics mirror `applyOperations` (see
 * `operations.ts`).
 */
export const COMMIT_SCRIPT =
  LUA_JSON +
  String.raw`
local function nest(path, from, n, value)
  local out = value
  for i = n, from, -1 do out = '{' .. path[i] .. ':' .. out .. '}' end
  return out
end

local function splice(s, from, to, text)
  return string.sub(s, 1, from - 1) .. text .. string.sub(s, to + 1)
end

local function set_at(s, path, n, value, balanced)
  local a, b = 1, #s
  for i = 1, n do
    local ks, vs, ve = find_member(s, a, b, path[i], balanced)
    if not ks then
      local member = path[i] .. ':' .. nest(path, i + 1, n, value)
      if b == a + 1 then return splice(s, b, b - 1, member) end
      return splice(s, b, b - 1, ',' .. member)
    end
    if i == n then return splice(s, vs, ve, value) end
    if string.byte(s, vs) ~= 123 then return splice(s, vs, ve, nest(path, i + 1, n, value)) end
    a, b = vs, ve
  end
end

local function delete_at(s, path, n, balanced)
  local a, b = 1, #s
  for i = 1, n do
    local ks, vs, ve = find_member(s, a, b, path[i], balanced)
    if not ks then return s end
    if i == n then
      if string.byte(s, ks - 1) == 44 then ks = ks - 1
      elseif string.byte(s, ve + 1) == 44 then ve = ve + 1 end
      return splice(s, ks, ve, '')
    end
    if string.byte(s, vs) ~= 123 then return s end
    a, b = vs, ve
  end
end

local function apply(data, plain)
  local i = 6
  while i <= #ARGV do
    local op, n = ARGV[i], tonumber(ARGV[i + 1])
    local path = {}
    for k = 1, n do path[k] = ARGV[i + 1 + k] end
    i = i + 2 + n
    if op == 'd' then
      if n > 0 then data = delete_at(data, path, n, plain) else data, plain = '{}', true end
    else
      local value = ARGV[i]
      i = i + 1
      if n > 0 then
        data, plain = set_at(data, path, n, value, plain), plain and op == 's'
      elseif string.byte(value, 1) == 123 then
        data, plain = value, op == 's'
      else
        data, plain = '{}', true
      end
    end
  end
  return data, plain
end

local function commit(raw)
  local cut = string.find(raw, '\n', 1, true)
  if not cut then error('corrupt: no data', 0) end
  local m = members(string.sub(raw, 1, cut - 1), false)
  local version, created, absolute = m['"version"'], m['"createdAt"'], m['"absoluteExpiresAt"']
  local user, device = m['"userId"'], m['"device"']
  if not (tonumber(version) and tonumber(created) and tonumber(absolute) and user and device) then
    error('corrupt: incomplete meta', 0)
  end
  local data, plain = apply(string.sub(raw, cut + 1), m['"plainStrings"'] == 'true')
  if #data > tonumber(ARGV[3]) then return { 'too-large', tostring(#data) } end
  local previous = user
  if ARGV[4] ~= '' then user, device = ARGV[4], ARGV[5] end
  version = string.format('%d', tonumber(version) + 1)
  local meta = '{"version":' .. version .. ',"userId":' .. user .. ',"device":' .. device
    .. ',"createdAt":' .. created .. ',"lastSeenAt":' .. ARGV[1]
    .. ',"idleExpiresAt":' .. ARGV[2] .. ',"absoluteExpiresAt":' .. absolute
    .. ',"plainStrings":' .. tostring(plain) .. '}'
  local ttl = math.min(tonumber(ARGV[2]), tonumber(absolute)) - tonumber(ARGV[1])
  if ttl < 1 then ttl = 1 end
  return { 'applied', version, previous, absolute, meta .. '\n' .. data, string.format('%d', ttl) }
end

local raw = redis.call('GET', KEYS[1])
if not raw then return { 'missing' } end
local ok, result = pcall(commit, raw)
if not ok then return { 'corrupt', tostring(result) } end
if result[1] == 'applied' then
  redis.call('SET', KEYS[1], result[5], 'PX', result[6])
  return { 'applied', result[2], result[3], result[4] }
end
return result
`

/**
 * The fast path of a commit (`SessionCommit.base`): one key, the session. Writes the new text
 * only if the stored text still starts with the version the caller loaded.
 *
 * KEYS[1] the session key. ARGV: 1 the loaded version's prefix (`versionPrefix`), 2 the new
 * text (`encodeRecord`), 3 its PX TTL in ms. Replies `'applied'`, `'moved'` (the record is at
 * another version: nothing written, run the commit script) or `'missing'`.
 */
export const FAST_COMMIT_SCRIPT = String.raw`
local head = redis.call('GETRANGE', KEYS[1], 0, #ARGV[1] - 1)
if head == ARGV[1] then
  redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
  return 'applied'
end
if head == '' and redis.call('EXISTS', KEYS[1]) == 0 then return 'missing' end
return 'moved'
`

/** The commit script's reply, decoded (see `COMMIT_SCRIPT`). */
export type CommitScriptReply =
  | {
      status: 'applied'
      version: number
      /** The user the record was bound to before this commit. */
      previousUserId: string | null
      absoluteExpiresAt: number
    }
  | { status: 'missing' }
  | { status: 'too-large'; bytes: number }
  | { status: 'corrupt'; reason: string }

/** Name the fields of the commit script's reply (a Lua table arrives as an array). */
export function decodeCommitReply(reply: unknown): CommitScriptReply {
  const [status, a, b, c] = Array.isArray(reply) ? (reply as unknown[]) : []
  switch (status) {
    case 'applied':
      return {
        status,
        version: Number(a),
        previousUserId: JSON.parse(String(b)) as string | null,
        absoluteExpiresAt: Number(c),
      }
    case 'missing':
      return { status }
    case 'too-large':
      return { status, bytes: Number(a) }
    case 'corrupt':
      return { status, reason: String(a) }
    default:
      throw new Error(`The commit script answered an unknown reply: ${String(status)}`)
  }
}
