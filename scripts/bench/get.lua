-- wrk script: GET the path in BENCH_PATH with the platform key.
request = function()
  return wrk.format("GET", os.getenv("BENCH_PATH"), { ["X-Platform-Key"] = os.getenv("PLATFORM_KEY") })
end

done = function(summary, latency, requests)
  io.write(string.format("non-2xx or errors: %d\n", summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
