-- wrk script: POST BENCH_BODY (JSON) to BENCH_PATH with X-Portal-Key: BENCH_KEY.
request = function()
  return wrk.format("POST", os.getenv("BENCH_PATH"),
    { ["X-Portal-Key"] = os.getenv("BENCH_KEY"), ["Content-Type"] = "application/json" }, os.getenv("BENCH_BODY"))
end

done = function(summary, latency, requests)
  io.write(string.format("non-2xx or errors: %d\n", summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
