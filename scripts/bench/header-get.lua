-- wrk script: GET BENCH_PATH with one header, BENCH_HEADER_NAME: BENCH_HEADER_VALUE.
request = function()
  return wrk.format("GET", os.getenv("BENCH_PATH"), { [os.getenv("BENCH_HEADER_NAME")] = os.getenv("BENCH_HEADER_VALUE") })
end

done = function(summary, latency, requests)
  io.write(string.format("non-2xx or errors: %d\n", summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
