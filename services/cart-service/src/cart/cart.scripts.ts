import { RedisScript } from '../common/redis-script';

// A cart is one Redis hash: `q:<productId>` -> quantity, `t:<productId>` -> first added (epoch ms),
// `createdAt`. Every change is one of these scripts, so concurrent requests for the same cart (two tabs,
// two replicas) never lose an update: the check against stock and the write happen in one step.
// Each write refreshes the cart's idle expiry.

/** KEYS: cart. ARGV: ttl seconds. The lines (flat field/value list), or nil when the cart does not exist. */
export const READ_CART = new RedisScript<string[] | null>(`
if redis.call('EXISTS', KEYS[1]) == 0 then return false end
redis.call('EXPIRE', KEYS[1], ARGV[1])
return redis.call('HGETALL', KEYS[1])
`);

// Counts the `q:` fields of the cart in KEYS[1]: its lines.
const COUNT_LINES = `
local function countLines()
  local lines = 0
  for _, field in ipairs(redis.call('HKEYS', KEYS[1])) do
    if string.sub(field, 1, 2) == 'q:' then lines = lines + 1 end
  end
  return lines
end
`;

/**
 * KEYS: cart. ARGV: productId, quantity to add, available (-1: unknown), line maximum, ttl, now ms,
 * most lines a cart may hold. Creates the cart when it does not exist yet: a cart exists only once
 * something is in it. Returns {outcome, quantity now in the cart (or lines, for CART_FULL)}.
 */
export const ADD_ITEM = new RedisScript<[string, number]>(`${COUNT_LINES}
local field = 'q:' .. ARGV[1]
local current = tonumber(redis.call('HGET', KEYS[1], field) or '0')
local wanted = current + tonumber(ARGV[2])
if wanted > tonumber(ARGV[4]) then return {'LINE_LIMIT', current} end
if current == 0 then
  local lines = countLines()
  if lines >= tonumber(ARGV[7]) then return {'CART_FULL', lines} end
end
local available = tonumber(ARGV[3])
if available >= 0 and wanted > available then return {'ABOVE_AVAILABLE', current} end
redis.call('HSET', KEYS[1], field, wanted)
redis.call('HSETNX', KEYS[1], 't:' .. ARGV[1], ARGV[6])
redis.call('HSETNX', KEYS[1], 'createdAt', ARGV[6])
redis.call('EXPIRE', KEYS[1], ARGV[5])
return {'OK', wanted}
`);

/**
 * KEYS: cart. ARGV: productId, new quantity (0 removes), available (-1: unknown), ttl.
 * Lowering a line is always allowed, even when stock has fallen below it.
 */
export const SET_QUANTITY = new RedisScript<[string, number]>(`
local field = 'q:' .. ARGV[1]
local wanted = tonumber(ARGV[2])
local current = redis.call('HGET', KEYS[1], field)
if redis.call('EXISTS', KEYS[1]) == 1 then redis.call('EXPIRE', KEYS[1], ARGV[4]) end
if not current then
  if wanted == 0 then return {'OK', 0} end
  return {'MISSING', 0}
end
current = tonumber(current)
if wanted == 0 then
  redis.call('HDEL', KEYS[1], field, 't:' .. ARGV[1])
  return {'OK', 0}
end
local available = tonumber(ARGV[3])
if available >= 0 and wanted > available and wanted > current then return {'ABOVE_AVAILABLE', current} end
redis.call('HSET', KEYS[1], field, wanted)
return {'OK', wanted}
`);

/** KEYS: cart. ARGV: productId, ttl. */
export const REMOVE_ITEM = new RedisScript<number>(`
local removed = redis.call('HDEL', KEYS[1], 'q:' .. ARGV[1], 't:' .. ARGV[1])
if redis.call('EXISTS', KEYS[1]) == 1 then redis.call('EXPIRE', KEYS[1], ARGV[2]) end
return removed
`);

/**
 * KEYS: cart. ARGV: keep ('1': keep the cart, empty, so a guest's id stays valid), now ms, ttl.
 * A kept cart is only emptied, never created: a client cannot make up its own cart id.
 */
export const CLEAR_CART = new RedisScript<number>(`
if ARGV[1] == '1' and redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('DEL', KEYS[1])
if ARGV[1] == '1' then
  redis.call('HSET', KEYS[1], 'createdAt', ARGV[2])
  redis.call('EXPIRE', KEYS[1], ARGV[3])
end
return 1
`);

/**
 * KEYS: guest cart, user cart. ARGV: line maximum, user ttl, now ms, most lines a cart may hold,
 * then pairs of productId and available (-1: unknown, -2: the product no longer exists, drop it).
 * Each guest line is added to the user's line, capped by what is available but never below what the
 * user already had; a guest line that would make the user's cart hold more lines than allowed is
 * left out. Then the guest cart is deleted. A second merge finds no guest cart and changes nothing.
 */
export const MERGE_CARTS = new RedisScript<number>(`
local guest = redis.call('HGETALL', KEYS[1])
if #guest == 0 then return -1 end
local available = {}
for i = 5, #ARGV, 2 do available[ARGV[i]] = tonumber(ARGV[i + 1]) end
local maximum = tonumber(ARGV[1])
local maxLines = tonumber(ARGV[4])
local lines = 0
for _, field in ipairs(redis.call('HKEYS', KEYS[2])) do
  if string.sub(field, 1, 2) == 'q:' then lines = lines + 1 end
end
local merged = 0
for i = 1, #guest, 2 do
  local field = guest[i]
  if string.sub(field, 1, 2) == 'q:' then
    local productId = string.sub(field, 3)
    local limit = available[productId] or -1
    local current = tonumber(redis.call('HGET', KEYS[2], field) or '0')
    if current == 0 and lines >= maxLines then limit = -2 end
    if limit ~= -2 then
      local cap = maximum
      if limit >= 0 then cap = math.min(maximum, math.max(limit, current)) end
      local wanted = math.min(current + tonumber(guest[i + 1]), cap)
      if wanted > current then
        redis.call('HSET', KEYS[2], field, wanted)
        redis.call('HSETNX', KEYS[2], 't:' .. productId, redis.call('HGET', KEYS[1], 't:' .. productId) or ARGV[3])
        if current == 0 then lines = lines + 1 end
        merged = merged + 1
      end
    end
  end
end
redis.call('DEL', KEYS[1])
redis.call('HSETNX', KEYS[2], 'createdAt', ARGV[3])
redis.call('EXPIRE', KEYS[2], ARGV[2])
return merged
`);

/**
 * KEYS: cart. ARGV: when the order was confirmed (epoch ms). Deletes the cart unless it was started
 * after that moment: then it is a new cart (the event is a redelivery, or an old one replayed) and
 * it stays. This is what makes order.confirmed idempotent without a table of processed events.
 */
export const DELETE_CONFIRMED_CART = new RedisScript<number>(`
local created = redis.call('HGET', KEYS[1], 'createdAt')
if created and tonumber(created) > tonumber(ARGV[1]) then return 0 end
return redis.call('DEL', KEYS[1])
`);
