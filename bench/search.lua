-- wrk script for bench/search and bench/triage: cycles through Danish queries against /api/search
-- (or, given a prefix and a file, through any list of messages, e.g. against /api/guide).
-- One-word, two-word, typo, compound and æøå/ASCII-folded queries, URL-encoded here.
-- Counts non-2xx responses exactly (response()), and prints a WRKJSON summary line.
local queries = {
  "angst", "misbrug", "familie behandling", "psykolog", "boernepsykiatri", "rådgivnig",
  "skilsmisse børn", "ungdomspsykiatri", "hash", "ked af det", "mobning", "skolevægring",
  "familierådgivning", "autisme", "adhd diagnose", "aflastning", "sagsbehandler", "klage",
  "ondt i maven", "selvskade", "vold", "druk", "gravid", "hjemløs", "fritidsjob",
  "angts", "psykologg", "famillie", "boern", "børnepsykiatri", "misbrugsbehandling",
  "angst skole fravær", "min søn ryger hash", "bisidder", "underretning", "sundhedsplejerske",
}

local function urlencode(s)
  return (s:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

local reqs = {}
local i = 0
local non2xx = 0

function init(args)
  local prefix = args[1] or "/api/search?lang=da&q="
  -- An optional file with one query or message per line replaces the built-in list.
  if args[2] then
    queries = {}
    for line in io.lines(args[2]) do
      if line ~= "" and line:sub(1, 1) ~= "#" then table.insert(queries, line) end
    end
  end
  for k, q in ipairs(queries) do
    reqs[k] = wrk.format("GET", prefix .. urlencode(q), { ["Accept-Encoding"] = "gzip" })
  end
  -- Different threads start at different places in the list.
  i = ((id or 1) * 7) % #reqs
end

function request()
  i = i % #reqs + 1
  return reqs[i]
end

function response(status, headers, body)
  if status < 200 or status > 299 then non2xx = non2xx + 1 end
end

local threads = {}
function setup(thread)
  table.insert(threads, thread)
  thread:set("id", #threads)
end

function done(summary, latency, requests)
  local bad = 0
  for _, t in ipairs(threads) do bad = bad + (t:get("non2xx") or 0) end
  local e = summary.errors
  io.write(string.format(
    'WRKJSON {"requests": %d, "duration_us": %d, "bytes": %d, "rps": %.1f, ' ..
    '"p50_us": %d, "p90_us": %d, "p99_us": %d, "max_us": %d, "mean_us": %.1f, ' ..
    '"err_connect": %d, "err_read": %d, "err_write": %d, "err_timeout": %d, "non2xx": %d, "queries": %d}\n',
    summary.requests, summary.duration, summary.bytes, summary.requests / (summary.duration / 1e6),
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, latency.mean,
    e.connect, e.read, e.write, e.timeout, bad, #queries))
end
