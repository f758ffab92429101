-- wrk script: GET BENCH_PATH as many portal users in turn. BENCH_USERS_FILE has one line per user, "token invoiceId"
-- (or "token id,id,...", scripts/bench/sign-in-users.py: the first is taken); "{invoice}" in BENCH_PATH becomes that
-- user's invoice. BENCH_PATH may name several paths, separated by spaces: each request asks for the next (a read mix).
-- Each thread starts at its own place in the list, so two threads never ask as the same user at once (BENCH_OFFSET
-- moves those places, for a second wrk beside the first). BENCH_FRESH=1 adds Cache-Control: no-cache (the answer is
-- read from the database).
local users = {}
for line in io.lines(os.getenv("BENCH_USERS_FILE")) do
  local token, invoice = line:match("^(%S+)%s+([^%s,]+)")
  users[#users + 1] = { token = token, invoice = invoice }
end

local key = os.getenv("BENCH_KEY")
local paths = {}
for p in string.gmatch(os.getenv("BENCH_PATH"), "%S+") do
  paths[#paths + 1] = p
end
local fresh = os.getenv("BENCH_FRESH") == "1"
local counter = 1
local threads = 0

setup = function(thread)
  threads = threads + 1
  thread:set("offset", threads)
end

init = function(args)
  counter = (offset or 1) * 997 + tonumber(os.getenv("BENCH_OFFSET") or "0")
end

request = function()
  counter = counter + 1
  local user = users[(counter % #users) + 1]
  local headers = { ["X-Portal-Key"] = key, ["Authorization"] = "Bearer " .. user.token }
  if fresh then
    headers["Cache-Control"] = "no-cache"
  end
  local path = paths[((counter + math.floor(counter / #users)) % #paths) + 1]
  return wrk.format("GET", (path:gsub("{invoice}", user.invoice)), headers)
end

done = function(summary, latency, requests)
  io.write(string.format("non-2xx or errors: %d\n", summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
