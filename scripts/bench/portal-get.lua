-- wrk script: GET BENCH_PATH with X-Portal-Key: BENCH_KEY and Authorization: Bearer BENCH_TOKEN;
-- BENCH_FRESH=1 adds Cache-Control: no-cache (the answer is read from the database, not from the response cache).
local headers = { ["X-Portal-Key"] = os.getenv("BENCH_KEY"), ["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN") }
if os.getenv("BENCH_FRESH") == "1" then
  headers["Cache-Control"] = "no-cache"
end

request = function()
  return wrk.format("GET", os.getenv("BENCH_PATH"), headers)
end

done = function(summary, latency, requests)
  io.write(string.format("non-2xx or errors: %d\n", summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
