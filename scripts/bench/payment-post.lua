-- wrk script: POST /v1/portal/payments with the portal key, a bearer token and a new Idempotency-Key for every
-- request (thread number, a per-thread counter and the run's start time): a 50-cent card payment of one of the
-- invoices in BENCH_INVOICES (comma-separated ids), taken in turn, since an invoice takes at most 100 payments.
-- thread_id is a global each thread gets from setup(); a local of that name would hide it.
local counter = 0
local threads = {}
local run = tostring(os.time())
local invoices = {}
for id in string.gmatch(os.getenv("BENCH_INVOICES"), "[^,]+") do
  table.insert(invoices, id)
end

setup = function(thread)
  thread:set("thread_id", #threads + 1)
  table.insert(threads, thread)
end

request = function()
  counter = counter + 1
  local invoice = invoices[((counter * 2 + thread_id) % #invoices) + 1]
  local body = '{"allocations":[{"invoiceId":"' .. invoice .. '","amount":50}],"paymentMethod":{"type":"card","paymentMethodId":"pm_card_visa"}}'
  return wrk.format("POST", "/v1/portal/payments", {
    ["X-Portal-Key"] = os.getenv("BENCH_KEY"),
    ["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN"),
    ["Content-Type"] = "application/json",
    ["Idempotency-Key"] = run .. "-" .. thread_id .. "-" .. counter,
  }, body)
end

done = function(summary, latency, requests)
  io.write(string.format("non-2xx or errors: %d\n", summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
