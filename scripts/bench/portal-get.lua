-- wrk script: GET BENCH_PATH with X-Portal-Key: BENCH_KEY and Authorization: Bearer BENCH_TOKEN.
request = function()
  return wrk.format("GET", os.getenv("BENCH_PATH"),
    { ["X-Portal-Key"] = os.getenv("BENCH_KEY"), ["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN") })
end

done = function(summary, latency, requests)
  io.write(string.format("non-2xx or errors: %d\n", summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
