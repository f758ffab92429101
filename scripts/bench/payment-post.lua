-- wrk script: POST /v1/portal/payments with the portal key BENCH_KEY, as the portal users of BENCH_USERS_FILE (one line
-- per user, "token invoiceId,invoiceId,...", scripts/bench/sign-in-users.py) taken in turn, each request a 50-cent
-- card payment of the user's next invoice (an invoice takes at most 100 payments) with a new Idempotency-Key (thread
-- number, a per-thread counter and the run's start time). Thread t takes the users t, t + threads, ..., so two threads
-- never pay as the same user (BENCH_THREADS: wrk's -t, default 2). Counts the 201 answers ("201 answers: N" at the end).
-- thread_id is a global each thread gets from setup(); a local of that name would hide it.
local counter = 0
paid = 0 -- a global: done() reads it from each thread
local threads = {}
local run = tostring(os.time())
local users = {}
for line in io.lines(os.getenv("BENCH_USERS_FILE")) do
  local token, ids = line:match("^(%S+)%s+(%S+)")
  local invoices = {}
  for id in string.gmatch(ids, "[^,]+") do
    invoices[#invoices + 1] = id
  end
  users[#users + 1] = { token = token, invoices = invoices, next = 0 }
end
local key = os.getenv("BENCH_KEY")
local thread_total = tonumber(os.getenv("BENCH_THREADS") or "2")

setup = function(thread)
  thread:set("thread_id", #threads + 1)
  table.insert(threads, thread)
end

init = function(args)
  local mine = {}
  for i = thread_id, #users, thread_total do
    mine[#mine + 1] = users[i]
  end
  if #mine > 0 then
    users = mine
  end
end

request = function()
  counter = counter + 1
  local user = users[(counter % #users) + 1]
  user.next = user.next + 1
  local invoice = user.invoices[(user.next % #user.invoices) + 1]
  local body = '{"allocations":[{"invoiceId":"' .. invoice .. '","amount":50}],"paymentMethod":{"type":"card","paymentMethodId":"pm_card_visa"}}'
  return wrk.format("POST", "/v1/portal/payments", {
    ["X-Portal-Key"] = key,
    ["Authorization"] = "Bearer " .. user.token,
    ["Content-Type"] = "application/json",
    ["Idempotency-Key"] = run .. "-" .. thread_id .. "-" .. counter,
  }, body)
end

response = function(status, headers, body)
  if status == 201 then
    paid = paid + 1
  end
end

done = function(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do
    total = total + thread:get("paid")
  end
  io.write(string.format("non-2xx or errors: %d\n", summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
  io.write(string.format("201 answers: %d\n", total))
end
