# Shared helpers for the bench scripts. Sourced, not run.
# Everything here talks to 127.0.0.1 only and cleans up what it starts.

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH_DIR/.." && pwd)"
BIN="${FINDHJAELP_BIN:-$ROOT/target/release/findhjaelp}"
# wrk settings shared by every script (wrk and the server share the machine's cores).
THREADS="${THREADS:-2}"
CONNS="${CONNS:-64}"
WRK_TIMEOUT="${WRK_TIMEOUT:-5s}"

# On a shared machine other work steals CPU from the run; as root we give the server, nginx and
# wrk a higher priority (nice -15) so the numbers depend less on it. BENCH_NICE=0 turns it off.
BENCH_NICE="${BENCH_NICE:--15}"
if [ "$(id -u)" = 0 ] && [ "$BENCH_NICE" != 0 ]; then NICE=(nice -n "$BENCH_NICE"); else NICE=(); fi
# With CFS autogroups (kernel.sched_autogroup_enabled=1) nice only ranks processes inside one
# session, so the session's autogroup gets the priority too; the old value is restored on exit.
AUTOGROUP_OLD=""
if [ "${#NICE[@]}" -gt 0 ] && [ -w /proc/self/autogroup ] && [ "$(cat /proc/sys/kernel/sched_autogroup_enabled 2>/dev/null)" = 1 ]; then
  AUTOGROUP_OLD=$(sed -n 's/.* nice \(-\{0,1\}[0-9]*\).*/\1/p' /proc/self/autogroup)
  echo "$BENCH_NICE" >/proc/self/autogroup 2>/dev/null || AUTOGROUP_OLD=""
fi

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
  if [ -n "$AUTOGROUP_OLD" ]; then echo "$AUTOGROUP_OLD" >/proc/self/autogroup 2>/dev/null || true; fi
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
  # The target dir is shared: a build elsewhere may replace the binary while we run, so every
  # run of this script uses a private copy.
  BIN_BUILT=$(stat -c %Y "$BIN")
  cp "$BIN" "$BENCH_TMP/findhjaelp"
  BIN="$BENCH_TMP/findhjaelp"
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
  "${NICE[@]}" "$BIN" "${args[@]}" 2>"$SERVER_LOG" >/dev/null &
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

# forget_pid PID — a process we started has ended and been waited for: drop it from the cleanup
# list, so the trap can never signal a later process that reuses the number.
forget_pid() {
  local keep=() p
  for p in "${BENCH_PIDS[@]:-}"; do [ -n "$p" ] && [ "$p" != "$1" ] && keep+=("$p"); done
  BENCH_PIDS=("${keep[@]:-}")
}

stop_pid() {
  local pid="$1"
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  forget_pid "$pid"
}

rss_kb() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }
hwm_kb() { awk '/^VmHWM:/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }
mb() { awk -v k="$1" 'BEGIN { printf "%.1f", k/1024 }'; }

status_of() { curl -s -o /dev/null -w '%{http_code}' --max-time 10 "$@" 2>/dev/null || echo 000; }

# run_wrk NAME DURATION URL [wrk args...] — runs wrk with --latency and leaves the machine-readable
# line (from the Lua done()) in $BENCH_TMP/NAME.json. Measured runs (names not starting with
# "warm") first wait for the machine to be quiet, and record how much CPU *other* processes
# used during the run (foreign_pct: total busy minus the target's process tree minus wrk).
# Set TARGET_PID to the server's pid (nginx: the master) for that accounting.
run_wrk() {
  local name="$1" dur="$2" url="$3"; shift 3
  local out="$BENCH_TMP/$name.wrk"
  case "$name" in warm*) ;; *) [ "${SKIP_QUIET:-0}" = 1 ] || wait_quiet ;; esac
  local t0 s0 w0 e0 t1 s1 w1 e1
  t0=$(total_busy_jiffies); s0=$(tree_jiffies "${TARGET_PID:-}"); w0=$(children_jiffies); e0=$(now_ns)
  # In the background + wait, so that a signal runs the cleanup trap at once.
  timeout --kill-after=10 $(( ${dur%s} + 60 )) \
    "${NICE[@]}" wrk -t"$THREADS" -c"$CONNS" -d"$dur" --timeout "$WRK_TIMEOUT" --latency "$url" "$@" >"$out" 2>&1 &
  local wpid=$!
  BENCH_PIDS+=("$wpid")
  if ! wait "$wpid"; then forget_pid "$wpid"; log "wrk failed for $name:"; cat "$out" >&2; return 1; fi
  forget_pid "$wpid"
  t1=$(total_busy_jiffies); s1=$(tree_jiffies "${TARGET_PID:-}"); w1=$(children_jiffies); e1=$(now_ns)
  local foreign
  foreign=$(awk -v t=$((t1 - t0)) -v s=$((s1 - s0)) -v w=$((w1 - w0)) -v e=$((e1 - e0)) -v hz="$(getconf CLK_TCK)" -v n="$(nproc)" \
    'BEGIN { f = (t - s - w) / (e / 1e9 * hz * n) * 100; if (f < 0) f = 0; printf "%.0f", f }')
  sed -n 's/^WRKJSON //p' "$out" | sed "s/}\$/, \"foreign_pct\": $foreign, \"quiet\": \"${QUIET_NOTE:-}\"}/" > "$BENCH_TMP/$name.json"
  if [ "${VERBOSE:-0}" = 1 ]; then grep -v '^WRKJSON' "$out" >&2; fi
  case "$name" in warm*) ;; *) log "$name: other processes used ${foreign}% of the CPU during the run" ;; esac
}

# CPU accounting in clock ticks.
total_busy_jiffies() { awk '/^cpu / {print $2+$3+$4+$7+$8+$9}' /proc/stat; }
proc_jiffies() { awk '{print $14+$15}' "/proc/$1/stat" 2>/dev/null || echo 0; }
tree_jiffies() {  # a pid and its direct children (nginx workers)
  local pid="$1" sum=0 c
  [ -n "$pid" ] || { echo 0; return; }
  sum=$(proc_jiffies "$pid")
  for c in $(cat "/proc/$pid/task/"*/children 2>/dev/null); do sum=$((sum + $(proc_jiffies "$c"))); done
  echo "$sum"
}
children_jiffies() {  # CPU of this shell's finished children (wrk), user+sys
  awk '{print $16+$17}' "/proc/$$/stat"
}

# jget NAME KEY — one field from the JSON line of a wrk run.
jget() { python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); v=d.get(sys.argv[2],""); print(v)' "$BENCH_TMP/$1.json" "$2"; }

ms() { awk -v u="$1" 'BEGIN { printf "%.2f", u/1000 }'; }

# urlenc STRING — percent-encodes for a query string.
urlenc() { python3 -c 'import sys,urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$1"; }

machine_line() {
  local cpu built head
  cpu=$(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)
  built=${BIN_BUILT:-$(stat -c %Y "$BIN" 2>/dev/null || echo 0)}
  # The binary does not carry its commit: name the commit that was HEAD when it was built.
  head=$(git -C "$ROOT" log -1 --format=%h --until="@$built" 2>/dev/null || echo '?')
  printf '%s, %s cores, %s MB RAM, %s; binary built %s from commit %s (working tree may have had uncommitted changes)' \
    "$(date -u +%Y-%m-%dT%H:%MZ)" "$(nproc)" "$(awk '/MemTotal/ {printf "%d", $2/1024}' /proc/meminfo)" \
    "${cpu:-unknown CPU}" "$(date -u -d "@$built" +%H:%MZ)" "${head:-?}"
}

# cpu_busy_pct SECONDS — percentage of all CPU time that was busy over the interval.
cpu_busy_pct() {
  local a b
  a=$(awk '/^cpu / {print $2+$3+$4+$7+$8+$9, $5+$6}' /proc/stat)
  sleep "$1"
  b=$(awk '/^cpu / {print $2+$3+$4+$7+$8+$9, $5+$6}' /proc/stat)
  awk -v a="$a" -v b="$b" 'BEGIN { split(a,x," "); split(b,y," "); bu=y[1]-x[1]; id=y[2]-x[2]; printf "%.0f", (bu+id) ? 100*bu/(bu+id) : 0 }'
}

# wait_quiet — waits (up to QUIET_WAIT s, default 30) until the machine is idle (< QUIET_PCT %
# busy, default 15, over 3 s) so that other work does not distort the numbers; sets QUIET_NOTE.
# The runs themselves have priority (BENCH_NICE), and run_wrk reports the CPU share that other
# processes still got during each run.
wait_quiet() {
  local limit="${QUIET_WAIT:-30}" pct="${QUIET_PCT:-15}" start busy
  start=$(date +%s)
  while :; do
    busy=$(cpu_busy_pct 3)
    if [ "$busy" -lt "$pct" ]; then QUIET_NOTE="machine ${busy}% busy before the run"; return 0; fi
    if [ $(( $(date +%s) - start )) -ge "$limit" ]; then
      QUIET_NOTE="machine still ${busy}% busy with other work after waiting ${limit}s (the run has priority: nice ${BENCH_NICE})"
      log "$QUIET_NOTE"; return 0
    fi
    log "machine ${busy}% busy with other work; waiting for it to settle"
    sleep 7
  done
}
