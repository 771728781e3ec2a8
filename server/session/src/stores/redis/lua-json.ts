/**
 * Lua helpers that read JSON as raw text, shared by the store's scripts.
 *
 * Redis's bundled cjson is lossy (empty arrays come back as `{}`, numbers keep 14 significant
 * digits), so the scripts never decode user data: they find the byte ranges of object members
 * and splice JSON text that `JSON.stringify` produced. The text is compact (no whitespace),
 * so a key can be compared byte for byte with a path segment encoded by `JSON.stringify`.
 * Malformed text raises an error starting with `corrupt:`.
 *
 * Skipping a container token by token costs ~0.2 µs per token (Lua 5.1 call overhead). When
 * the caller knows no string in the text holds a bracket (the argument `balanced`), a container
 * is skipped with one `%b{}` / `%b[]` match, which runs in C.
 */
export const LUA_JSON = String.raw`
local function string_end(s, p)
  local q = p + 1
  while true do
    local j = string.find(s, '["\\]', q)
    if not j then error('corrupt: unterminated string', 0) end
    if string.byte(s, j) == 92 then q = j + 2 else return j end
  end
end

local function value_end(s, p, balanced)
  local c = string.byte(s, p)
  if c == 34 then return string_end(s, p) end
  if c == 123 or c == 91 then
    if balanced then
      local _, e = string.find(s, c == 123 and '^%b{}' or '^%b[]', p)
      if not e then error('corrupt: unbalanced container', 0) end
      return e
    end
    local depth, q = 0, p
    while true do
      local j = string.find(s, '[%[%]{}"]', q)
      if not j then error('corrupt: unterminated container', 0) end
      local d = string.byte(s, j)
      if d == 34 then
        q = string_end(s, j) + 1
      else
        if d == 123 or d == 91 then depth = depth + 1 else depth = depth - 1 end
        if depth == 0 then return j end
        q = j + 1
      end
    end
  end
  local j = string.find(s, '[,}%]]', p)
  if not j or j == p then error('corrupt: bad value', 0) end
  return j - 1
end

-- Calls visit(key_start, key_end, value_start, value_end) for each member of the object
-- s[a..b] until visit returns true; returns what visit returned. balanced: no string in s
-- holds a bracket.
local function each_member(s, a, b, balanced, visit)
  if string.byte(s, a) ~= 123 or string.byte(s, b) ~= 125 then error('corrupt: not an object', 0) end
  local p = a + 1
  if p == b then return nil end
  while true do
    if string.byte(s, p) ~= 34 then error('corrupt: expected a key', 0) end
    local ke = string_end(s, p)
    if string.byte(s, ke + 1) ~= 58 then error('corrupt: expected a colon', 0) end
    local ve = value_end(s, ke + 2, balanced)
    if visit(p, ke, ke + 2, ve) then return true end
    if ve + 1 == b then return nil end
    if string.byte(s, ve + 1) ~= 44 then error('corrupt: expected a comma', 0) end
    p = ve + 2
  end
end

-- The member whose raw key is key in the object s[a..b]: key start, value start, value end.
local function find_member(s, a, b, key, balanced)
  local ks, vs, ve
  local len = #key
  each_member(s, a, b, balanced, function(p, ke, v1, v2)
    if ke - p + 1 == len and string.sub(s, p, ke) == key then
      ks, vs, ve = p, v1, v2
      return true
    end
  end)
  return ks, vs, ve
end

-- All members of the object s as a table from raw key to raw value.
local function members(s, balanced)
  local t = {}
  each_member(s, 1, #s, balanced, function(p, ke, v1, v2)
    t[string.sub(s, p, ke)] = string.sub(s, v1, v2)
  end)
  return t
end
`
