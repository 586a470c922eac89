# shellcheck shell=bash
# Shared helpers for ./dev and infra/local/*.sh. Source it; it sets no shell options.
#
# Conventions
#   DEV_ROOT   the repository root            DEV_STATE  $DEV_ROOT/.dev (gitignored)
#   DEV_LOGS   $DEV_STATE/logs                 a "run dir" is $DEV_STATE/<name> (test, up, demo, manual)
# Every process started for a run carries MUSICEVENTS_DEV_RUN=<token of the run dir> in its
# environment, so that whatever escapes its process group (epmd, test hosts) is still found
# and stopped (sweep_token).

[[ -n "${_DEV_LIB_LOADED:-}" ]] && return 0
_DEV_LIB_LOADED=1

DEV_ROOT=${DEV_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)}
DEV_STATE=${DEV_STATE:-$DEV_ROOT/.dev}
DEV_LOGS=${DEV_LOGS:-$DEV_STATE/logs}
# shellcheck disable=SC2034 # used by the scripts that source this one
DEV_LOCAL=$DEV_ROOT/infra/local

if [[ -t 2 ]]; then
  _dev_bold=$'\e[1m' _dev_red=$'\e[31m' _dev_yellow=$'\e[33m' _dev_off=$'\e[0m'
else
  _dev_bold='' _dev_red='' _dev_yellow='' _dev_off=''
fi

log()  { printf '%s[dev]%s %s\n' "$_dev_bold" "$_dev_off" "$*" >&2; }
warn() { printf '%s[dev] WARNING:%s %s\n' "$_dev_yellow" "$_dev_off" "$*" >&2; }
err()  { printf '%s[dev] ERROR:%s %s\n' "$_dev_red" "$_dev_off" "$*" >&2; }
die()  { err "$*"; exit 1; }

# Absolute, physical path of a directory (created if missing).
abs_dir() { mkdir -p "$1" && (cd "$1" && pwd -P); }

# Path relative to the repository root, for messages.
rel() { local p=$1; printf '%s' "${p#"$DEV_ROOT"/}"; }

# Milliseconds since the epoch (bash 5 $EPOCHREALTIME), and "x.y s" since a given start.
now_ms() { local t=${EPOCHREALTIME/[.,]/}; printf '%s' "${t:0:-3}"; }
since() { local d=$(( $(now_ms) - $1 )); printf '%d.%d s' $((d / 1000)) $((d % 1000 / 100)); }

# Tail of a log file, indented, on stderr.
show_tail() {
  local f=$1 n=${2:-30}
  [[ -s $f ]] || { err "(no output in $(rel "$f"))"; return 0; }
  err "last $n lines of $(rel "$f"):"
  tail -n "$n" "$f" | sed 's/^/    | /' >&2
}

# ---- ports -----------------------------------------------------------------------------------

# True when something listens on (or holds) 127.0.0.1:<port>: a connect succeeds, or the port
# appears as a local port in /proc/net/tcp{,6} (any state, so TIME_WAIT and outgoing ones too).
port_in_use() {
  local port=$1 hex f _sl laddr _rest
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && return 0
  printf -v hex '%04X' "$port"
  for f in /proc/net/tcp /proc/net/tcp6; do
    [[ -r $f ]] || continue
    while read -r _sl laddr _rest; do
      [[ ${laddr##*:} == "$hex" ]] && return 0
    done < "$f"
  done
  return 1
}

# free_port VAR: a random free loopback port, 20000 up to the start of the kernel's ephemeral
# range (so that no outgoing connection takes it meanwhile), never twice in the same shell.
_DEV_PORTS_TAKEN=' '
free_port() {
  local -n __fp_out=$1
  local lo=20000 hi=32767 eph _ p i
  if read -r eph _ < /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null && (( eph > lo + 2000 )); then
    hi=$((eph - 1))
  fi
  for ((i = 0; i < 500; i++)); do
    p=$(( lo + (RANDOM * 32768 + RANDOM) % (hi - lo + 1) ))
    [[ $_DEV_PORTS_TAKEN == *" $p "* ]] && continue
    port_in_use "$p" && continue
    _DEV_PORTS_TAKEN+="$p "
    __fp_out=$p
    return 0
  done
  die "no free loopback port found between $lo and $hi"
}

# wait_for_port PORT TIMEOUT_S [PGID]: 0 when 127.0.0.1:PORT accepts connections, 1 on timeout,
# 2 when the process group PGID is gone before that.
wait_for_port() {
  local port=$1 timeout=$2 pgid=${3:-} deadline=$((SECONDS + $2))
  until (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
    # The leader itself too: until it has called setsid() its group does not exist yet, and on a
    # busy machine that moment is long enough to take a starting app for a dead one.
    if [[ -n $pgid ]] && ! group_alive "$pgid" && ! kill -0 "$pgid" 2>/dev/null; then return 2; fi
    (( SECONDS >= deadline )) && return 1
    sleep 0.2
  done
}

# ---- processes ---------------------------------------------------------------------------------

# dev_token RUN_DIR COMPONENT: the marker of one component's processes (rabbitmq, azurite...).
dev_token() { printf 'musicevents-dev:%s#%s' "$1" "$2"; }

# spawn VAR LOGFILE TOKEN [NAME=VALUE...] -- CMD ARGS...: start CMD in a new session (its own
# process group, away from the terminal's Ctrl-C) with the token in its environment; VAR gets
# its pid, which is also its process-group id. Fd 9 (the run lock) is not inherited.
spawn() {
  local -n __sp_out=$1
  local logf=$2 token=$3
  shift 3
  local envs=()
  while (($#)) && [[ $1 != -- ]]; do envs+=("$1"); shift; done
  [[ ${1:-} == -- ]] && shift
  set +m
  env "MUSICEVENTS_DEV_RUN=$token" "${envs[@]}" setsid "$@" </dev/null >"$logf" 2>&1 9>&- &
  __sp_out=$!
  disown "$__sp_out" # no "Killed" job report from bash when it is stopped hard
}

group_alive() { [[ ${1:-} =~ ^[0-9]+$ ]] && (( $1 > 1 )) && pgrep -g "$1" >/dev/null 2>&1; }

# True when some process of group PGID carries TOKEN (guards against recycled pids).
group_has_token() {
  local pgid=$1 token=$2 p
  for p in $(pgrep -g "$pgid" 2>/dev/null); do
    grep -qsxzF -- "MUSICEVENTS_DEV_RUN=$token" "/proc/$p/environ" && return 0
  done
  return 1
}

# stop_group PGID TOKEN [TIMEOUT_S] [SIGNAL]: signal the group (default TERM), wait, then KILL.
stop_group() {
  local pgid=$1 token=$2 timeout=${3:-10} sig=${4:-TERM} deadline
  group_alive "$pgid" || return 0
  group_has_token "$pgid" "$token" || return 0
  kill "-$sig" -- "-$pgid" 2>/dev/null || true
  deadline=$((SECONDS + timeout))
  while group_alive "$pgid"; do
    if (( SECONDS >= deadline )); then
      log "process group $pgid did not stop within ${timeout}s: killing it"
      kill -KILL -- "-$pgid" 2>/dev/null || true
      sleep 0.2
      return 0
    fi
    sleep 0.1
  done
}

# Pids of every process (but this shell) whose environment carries TOKEN; with a token ending
# in '#', every component of that run.
pids_with_token() {
  local token=$1 f pid opts=-lsxzF
  [[ $token == *'#' ]] && opts=-lszF
  while IFS= read -r f; do
    pid=${f#/proc/}; pid=${pid%/environ}
    [[ $pid == "$$" || $pid == "$BASHPID" ]] && continue
    printf '%s\n' "$pid"
  done < <(grep "$opts" -- "MUSICEVENTS_DEV_RUN=$token" /proc/[0-9]*/environ 2>/dev/null || true)
}

# sweep_token TOKEN [TIMEOUT_S]: TERM, then KILL, every process left with TOKEN
# (`dev_token RUN_DIR ''` for a whole run).
sweep_token() {
  local token=$1 timeout=${2:-5} pids deadline
  mapfile -t pids < <(pids_with_token "$token")
  ((${#pids[@]})) || return 0
  local what=${token##*#}
  log "stopping ${#pids[@]} process(es) of ${what:-the run}: $(ps -o pid=,comm= -p "$(IFS=,; echo "${pids[*]}")" 2>/dev/null | tr -s ' \n' ' ')"
  kill -TERM "${pids[@]}" 2>/dev/null || true
  deadline=$((SECONDS + timeout))
  while (( SECONDS < deadline )); do
    mapfile -t pids < <(pids_with_token "$token")
    ((${#pids[@]})) || return 0
    sleep 0.2
  done
  kill -KILL "${pids[@]}" 2>/dev/null || true
}

# Random hex string of N bytes (default 32), never written anywhere.
random_hex() {
  local n=${1:-32}
  openssl rand -hex "$n" 2>/dev/null || od -An -tx1 -N"$n" /dev/urandom | tr -d ' \n'
}

# Write `KEY=VALUE` lines (shell-quoted) to a state file that can be sourced back.
state_write() {
  local file=$1; shift
  local kv
  for kv in "$@"; do printf '%s=%q\n' "${kv%%=*}" "${kv#*=}"; done > "$file.tmp"
  mv -f "$file.tmp" "$file"
}
state_append() {
  local file=$1; shift
  local kv
  for kv in "$@"; do printf '%s=%q\n' "${kv%%=*}" "${kv#*=}"; done >> "$file"
}
