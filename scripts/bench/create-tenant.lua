-- wrk script: POST /v1/platform/tenants with a unique host name per request.
-- Each wrk thread has its own Lua state; setup() gives each a distinct id so host names never collide.
local counter = 0
local threads = 0
local prefix = string.format("b%x", os.time() % 0xfffff)

setup = function(thread)
  threads = threads + 1
  thread:set("thread_id", threads)
end

request = function()
  counter = counter + 1
  local host = string.format("%s-%d-%d", prefix, thread_id or 0, counter)
  local body = string.format('{"name":"Bench %s","hostName":"%s"}', host, host)
  return wrk.format("POST", "/v1/platform/tenants", {
    ["Content-Type"] = "application/json",
    ["X-Platform-Key"] = os.getenv("PLATFORM_KEY"),
  }, body)
end

done = function(summary, latency, requests)
  io.write(string.format("non-2xx or errors: %d\n", summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
