-- wrk script: POST /v1/portal/bookings as one portal user, booking a window of BENCH_WINDOWS (comma-separated ids) for
-- job type BENCH_JOB_TYPE at location BENCH_LOCATION, with a new Idempotency-Key for every request (thread number,
-- a per-thread counter and the run's start time). Windows are taken in turn, each thread from its own offset, so
-- connections race for the same window only when the list comes round. Counts 201 (booked) and 409 (window_full).
-- thread_id, created, full and other are globals of each thread (set in setup, read back in done).
local counter = 0
local threads = {}
local run = tostring(os.time())
local windows = {}
for id in string.gmatch(os.getenv("BENCH_WINDOWS"), "[^,]+") do
  table.insert(windows, id)
end

setup = function(thread)
  thread:set("thread_id", #threads + 1)
  table.insert(threads, thread)
end

init = function()
  created, full, other = 0, 0, 0
end

request = function()
  counter = counter + 1
  local window = windows[((counter * 7 + thread_id * 101) % #windows) + 1]
  local body = '{"jobTypeId":"' .. os.getenv("BENCH_JOB_TYPE") .. '","locationId":"' .. os.getenv("BENCH_LOCATION") ..
    '","windowId":"' .. window .. '","description":"Yearly tune-up"}'
  return wrk.format("POST", "/v1/portal/bookings", {
    ["X-Portal-Key"] = os.getenv("BENCH_KEY"),
    ["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN"),
    ["Content-Type"] = "application/json",
    ["Idempotency-Key"] = run .. "-" .. thread_id .. "-" .. counter,
  }, body)
end

response = function(status, headers, body)
  if status == 201 then created = created + 1 elseif status == 409 then full = full + 1 else other = other + 1 end
end

done = function(summary, latency, requests)
  local c, f, o = 0, 0, 0
  for _, thread in ipairs(threads) do
    c, f, o = c + thread:get("created"), f + thread:get("full"), o + thread:get("other")
  end
  io.write(string.format("booked (201): %d, window_full (409): %d, other: %d\n", c, f, o))
end
