-- wrk script: POST /oauth/token (client credentials) with the client in CLIENT_ID / CLIENT_SECRET.
request = function()
  local body = string.format("grant_type=client_credentials&client_id=%s&client_secret=%s", os.getenv("CLIENT_ID"), os.getenv("CLIENT_SECRET"))
  return wrk.format("POST", "/oauth/token", { ["Content-Type"] = "application/x-www-form-urlencoded" }, body)
end

done = function(summary, latency, requests)
  io.write(string.format("non-2xx or errors: %d\n", summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
