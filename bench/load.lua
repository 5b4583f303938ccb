-- wrk script for bench/load: rotates through a mix of pages, search, guide and one intended 404.
-- Reads its request list from the file given after `--` (lines: "<category> <path>").
-- Category "notfound" is the intended 404: it is sent WITHOUT Accept-Encoding to an /en/ path,
-- so its answer is the English 404 page, uncompressed. Every other request sends
-- Accept-Encoding: gzip to a Danish path, so an unintended 404 can be told apart exactly.
local pattern = { "home", "detail", "listing", "soeg", "api_search", "detail", "api_guide",
                  "detail", "listing", "api_search", "detail", "soeg", "api_guide", "notfound" }
local lists = {}
local pos = {}
local active = {}
local slot = 0

ok, intended404, other404, other_non2xx, redirects = 0, 0, 0, 0, 0

function init(args)
  local f = assert(io.open(args[1], "r"))
  for line in f:lines() do
    local cat, path = line:match("^(%S+)%s+(%S+)$")
    if cat then
      lists[cat] = lists[cat] or {}
      local headers = { ["Accept-Encoding"] = "gzip" }
      if cat == "notfound" then headers = {} end
      table.insert(lists[cat], wrk.format("GET", path, headers))
    end
  end
  f:close()
  for _, cat in ipairs(pattern) do
    if lists[cat] then table.insert(active, cat) end
  end
  for cat, l in pairs(lists) do pos[cat] = ((id or 1) * 13) % #l end
  slot = (id or 1) % #active
  active_str = table.concat(active, ",")
end

function request()
  slot = slot % #active + 1
  local cat = active[slot]
  local l = lists[cat]
  pos[cat] = pos[cat] % #l + 1
  return l[pos[cat]]
end

function response(status, headers, body)
  if status >= 200 and status < 300 then
    ok = ok + 1
  elseif status == 404 then
    local enc = headers["content-encoding"] or headers["Content-Encoding"]
    if enc == nil and body and body:find('lang="en"', 1, true) then
      intended404 = intended404 + 1
    else
      other404 = other404 + 1
    end
  elseif status >= 300 and status < 400 then
    redirects = redirects + 1
  else
    other_non2xx = other_non2xx + 1
  end
end

local threads = {}
function setup(thread)
  table.insert(threads, thread)
  thread:set("id", #threads)
end

function done(summary, latency, requests)
  local t = { ok = 0, intended404 = 0, other404 = 0, other_non2xx = 0, redirects = 0 }
  for _, th in ipairs(threads) do
    for k, _ in pairs(t) do t[k] = t[k] + (th:get(k) or 0) end
  end
  local e = summary.errors
  io.write(string.format(
    'WRKJSON {"requests": %d, "duration_us": %d, "bytes": %d, "rps": %.1f, ' ..
    '"p50_us": %d, "p90_us": %d, "p99_us": %d, "max_us": %d, "mean_us": %.1f, ' ..
    '"err_connect": %d, "err_read": %d, "err_write": %d, "err_timeout": %d, ' ..
    '"ok": %d, "intended404": %d, "other404": %d, "other_non2xx": %d, "redirects": %d, "categories": "%s"}\n',
    summary.requests, summary.duration, summary.bytes, summary.requests / (summary.duration / 1e6),
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, latency.mean,
    e.connect, e.read, e.write, e.timeout,
    t.ok, t.intended404, t.other404, t.other_non2xx, t.redirects, threads[1]:get("active_str") or ""))
end
