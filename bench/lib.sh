# Shared helpers for the bench scripts. Sourced, not run.
# Everything here talks to 127.0.0.1 only and cleans up what it starts.

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH_DIR/.." && pwd)"
BIN="${FINDHJAELP_BIN:-$ROOT/target/release/findhjaelp}"
# wrk settings shared by every script (wrk and the server share the machine's cores).
THREADS="${THREADS:-2}"
CONNS="${CONNS:-64}"
WRK_TIMEOUT="${WRK_TIMEOUT:-5s}"

BENCH_TMP="$(mktemp -d /tmp/findhjaelp-bench.XXXXXX)"
chmod 755 "$BENCH_TMP"   # nginx workers (user nobody) must read the files we put here
BENCH_PIDS=()

log() { printf '%s\n' "$*" >&2; }

cleanup() {
  local pid
  for pid in "${BENCH_PIDS[@]:-}"; do
    [ -n "$pid" ] || continue
    if kill -0 "$pid" 2>/dev/null; then
      kill -TERM "$pid" 2>/dev/null || true
      for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -KILL "$pid" 2>/dev/null || true
    fi
  done
  if [ "${KEEP_TMP:-0}" != 1 ]; then rm -rf "$BENCH_TMP"; else log "kept $BENCH_TMP"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

need_tools() {
  # need_tools cmd:package ...  — installs the Debian package of any missing command.
  local missing=() spec cmd pkg
  for spec in "$@"; do
    cmd="${spec%%:*}"; pkg="${spec#*:}"
    command -v "$cmd" >/dev/null 2>&1 || missing+=("$pkg")
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    log "installing: ${missing[*]}"
    if [ "$(id -u)" != 0 ]; then log "need root to apt-get install ${missing[*]}"; exit 1; fi
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
    # Debian's nginx package tries to start a system nginx; policy-rc.d usually stops that.
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

need_binary() {
  if [ ! -x "$BIN" ]; then
    log "building $BIN (cargo build --release)"
    (cd "$ROOT" && cargo build --release)
  fi
  if ! "$BIN" --help >/dev/null 2>&1 || ! "$BIN" --help 2>&1 | grep -q -- '--addr'; then
    log "$BIN does not look like the findhjaelp server; run: cd $ROOT && cargo build --release"
    exit 1
  fi
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

now_ns() { date +%s%N; }

# start_server PORT [CONTENT_DIR] — starts the release server, sets SERVER_PID, SERVER_LOG,
# STARTUP_MS (process start until /healthz answers 200). Gives up after STARTUP_LIMIT seconds.
start_server() {
  local port="$1" content="${2:-}" t0 t1 limit="${STARTUP_LIMIT:-300}"
  SERVER_LOG="$BENCH_TMP/server-$port.log"
  local args=(--addr "127.0.0.1:$port")
  [ -n "$content" ] && args+=(--content "$content")
  t0=$(now_ns)
  "$BIN" "${args[@]}" 2>"$SERVER_LOG" >/dev/null &
  SERVER_PID=$!
  BENCH_PIDS+=("$SERVER_PID")
  local deadline=$(( $(date +%s) + limit ))
  until [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 1 "http://127.0.0.1:$port/healthz" 2>/dev/null)" = 200 ]; do
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then
      log "server exited during start-up; last log lines:"; tail -20 "$SERVER_LOG" >&2; exit 1
    fi
    if [ "$(date +%s)" -ge "$deadline" ]; then log "server did not answer /healthz within ${limit}s"; exit 1; fi
    sleep 0.01
  done
  t1=$(now_ns)
  STARTUP_MS=$(( (t1 - t0) / 1000000 ))
}

stop_pid() {
  local pid="$1"
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null || true
}

rss_kb() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }
hwm_kb() { awk '/^VmHWM:/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }
mb() { awk -v k="$1" 'BEGIN { printf "%.1f", k/1024 }'; }

status_of() { curl -s -o /dev/null -w '%{http_code}' --max-time 10 "$@" 2>/dev/null || echo 000; }

# run_wrk NAME DURATION URL [wrk args...] — runs wrk with --latency, prints its output to stderr
# and leaves the machine-readable line (from the Lua done()) in $BENCH_TMP/NAME.json.
run_wrk() {
  local name="$1" dur="$2" url="$3"; shift 3
  local out="$BENCH_TMP/$name.wrk"
  timeout --kill-after=10 $(( ${dur%s} + 60 )) \
    wrk -t"$THREADS" -c"$CONNS" -d"$dur" --timeout "$WRK_TIMEOUT" --latency "$@" "$url" >"$out" 2>&1 || {
      log "wrk failed for $name:"; cat "$out" >&2; return 1; }
  sed -n 's/^WRKJSON //p' "$out" > "$BENCH_TMP/$name.json"
  if [ "${VERBOSE:-0}" = 1 ]; then grep -v '^WRKJSON' "$out" >&2; fi
}

# jget NAME KEY — one field from the JSON line of a wrk run.
jget() { python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); v=d.get(sys.argv[2],""); print(v)' "$BENCH_TMP/$1.json" "$2"; }

ms() { awk -v u="$1" 'BEGIN { printf "%.2f", u/1000 }'; }

# urlenc STRING — percent-encodes for a query string.
urlenc() { python3 -c 'import sys,urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$1"; }

machine_line() {
  local cpu
  cpu=$(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)
  printf '%s, %s cores, %s MB RAM, %s; commit %s' \
    "$(date -u +%Y-%m-%dT%H:%MZ)" "$(nproc)" "$(awk '/MemTotal/ {printf "%d", $2/1024}' /proc/meminfo)" \
    "${cpu:-unknown CPU}" "$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')$(git -C "$ROOT" diff --quiet HEAD 2>/dev/null || echo '+dirty')"
}
