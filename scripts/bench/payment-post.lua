-- wrk script: POST BENCH_BODY (JSON) to /v1/portal/payments with the portal key, a bearer token and a new
-- Idempotency-Key for every request (thread number, a per-thread counter and a random run id).
local counter = 0
local thread_id = 0
local threads = {}
local run = tostring(math.random(1, 1000000000))

setup = function(thread)
  thread:set("thread_id", #threads + 1)
  table.insert(threads, thread)
end

request = function()
  counter = counter + 1
  return wrk.format("POST", "/v1/portal/payments", {
    ["X-Portal-Key"] = os.getenv("BENCH_KEY"),
    ["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN"),
    ["Content-Type"] = "application/json",
    ["Idempotency-Key"] = run .. "-" .. thread_id .. "-" .. counter,
  }, os.getenv("BENCH_BODY"))
end

done = function(summary, latency, requests)
  io.write(string.format("non-2xx or errors: %d\n", summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
