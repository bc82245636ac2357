-- GET /books/{id} with ids drawn at random from a file of ids, one per line; with the environment variable
-- TOKEN set, every request carries it as Books-Consistency-Token.
-- wrk -t2 -c32 -d10s --latency -s bench/cluster/get_by_id.lua http://127.0.0.1:PORT -- ids.txt
local ids = {}

function init(args)
  math.randomseed(os.time() + tonumber(tostring({}):match("0x(%x+)") or "0", 16) % 100000)
  for line in io.lines(args[1]) do
    ids[#ids + 1] = line
  end
  local token = os.getenv("TOKEN")
  if token and token ~= "" then
    wrk.headers["Books-Consistency-Token"] = token
  end
end

function request()
  return wrk.format("GET", "/books/" .. ids[math.random(#ids)])
end

function done(summary, latency, requests)
  io.write(string.format("requests=%d non2xx=%d errors=%d rps=%.0f p50_ms=%.2f p99_ms=%.2f\n",
    summary.requests, summary.errors.status, summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.timeout, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
