#!/usr/bin/env bash
# Runs a ./dev command the way a person at a terminal does (in a pseudo-terminal, through
# `script`), and checks what that person would notice: that it ends, that Ctrl-C ends it within
# seconds, and that nothing it started is left running afterwards. CI never has a terminal of its
# own, so without this a command that hangs only at a terminal would pass there unseen. .ci/run uses it.
#
#   infra/local/terminal-check.sh run TIMEOUT_S ./dev MODE [ARGS...]
#       ./dev MODE ARGS must exit 0 within TIMEOUT_S (then it is killed and the check fails)
#   infra/local/terminal-check.sh interrupt LIMIT_S LINE ./dev MODE [ARGS...]
#       once ./dev MODE ARGS has printed LINE, Ctrl-C is typed on its terminal; it must end within
#       LIMIT_S with exit code 130
#
# Either way, no process may be left carrying the run's marker (MUSICEVENTS_DEV_RUN, see lib.sh).
set -euo pipefail

# shellcheck source-path=SCRIPTDIR
. "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/lib.sh"
cd "$DEV_ROOT"

# leftovers MODE: fails, naming them, when processes of that run are still alive.
leftovers() {
  local mode=$1 token pids
  token=$(dev_token "$(abs_dir "$DEV_STATE/$mode")" '')
  mapfile -t pids < <(pids_with_token "$token")
  ((${#pids[@]})) || return 0
  err "./dev $mode left ${#pids[@]} process(es) running:"
  ps -o pid=,args= -p "$(IFS=,; echo "${pids[*]}")" | cut -c1-160 | sed 's/^/    | /' >&2 || true
  ./dev down >&2 || true
  return 1
}

check_run() {
  local limit=$1 mode=$2 rc=0 t0
  shift 2
  t0=$(now_ms)
  log "terminal check: ./dev $mode${*:+ $*} in a pseudo-terminal, at most ${limit} s"
  # script -e returns the command's exit code; the terminal's CRs are dropped for the log readers.
  set +e
  timeout -k 10 "$limit" script -qefc "exec ./dev $mode $*" /dev/null </dev/null 2>&1 | sed -u 's/\r//g'
  rc=${PIPESTATUS[0]}
  set -e
  if ((rc == 124 || rc == 137)); then
    err "./dev $mode did not end within $limit s in a pseudo-terminal (it hangs at a terminal)"
    leftovers "$mode" || true
    return 1
  fi
  leftovers "$mode" || return 1
  ((rc == 0)) || { err "./dev $mode failed in a pseudo-terminal (exit $rc)"; return "$rc"; }
  log "terminal check: ./dev $mode${*:+ $*} ended in $(since "$t0"), exit 0, nothing left running"
}

check_interrupt() {
  local limit=$1 line=$2 mode=$3 work fifo out spid rc=0 t0 deadline
  shift 3
  work=$(mktemp -d)
  fifo=$work/keys out=$work/screen
  mkfifo "$fifo"
  log "terminal check: ./dev $mode${*:+ $*} in a pseudo-terminal, Ctrl-C once it prints '$line'"
  # The end of a failed check: its output, then stop the command and report what it left.
  give_up() {
    show_tail "$out" 40
    kill -TERM "$spid" 2>/dev/null || true
    exec 3>&-
    wait "$spid" 2>/dev/null || true
    leftovers "$mode" || true
    rm -rf "$work"
  }
  # What is written to script's stdin is typed on the terminal: a ^C there is the line
  # discipline's SIGINT to the foreground process group, exactly as at a keyboard.
  # exec: ./dev is the terminal's foreground job itself, as under an interactive shell, which
  # survives Ctrl-C and gives the prompt back only once ./dev has ended.
  # A command put in the background by a script starts with SIGINT ignored, and ./dev could
  # not trap it: env restores the default, as a terminal's shell gives its foreground job.
  env --default-signal=INT script -qefc "exec ./dev $mode $*" /dev/null <"$fifo" >"$out" 2>&1 &
  spid=$!
  exec 3>"$fifo"
  deadline=$((SECONDS + 900))
  until grep -qF -- "$line" "$out"; do
    if ! kill -0 "$spid" 2>/dev/null || ((SECONDS >= deadline)); then
      err "./dev $mode never printed '$line'"
      give_up
      return 1
    fi
    sleep 0.2
  done
  t0=$(now_ms)
  printf '\003' >&3
  deadline=$((SECONDS + limit))
  while kill -0 "$spid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.1; done
  if kill -0 "$spid" 2>/dev/null; then
    err "./dev $mode was still running $limit s after Ctrl-C"
    give_up
    return 1
  fi
  wait "$spid" || rc=$?
  exec 3>&-
  local took; took=$(since "$t0")
  tr -d '\r' <"$out" | tail -n 3 | sed 's/^/    | /' >&2
  rm -rf "$work"
  leftovers "$mode" || return 1
  ((rc == 130)) || { err "./dev $mode ended with exit code $rc after Ctrl-C, not 130"; return 1; }
  log "terminal check: Ctrl-C ended ./dev $mode in $took (exit 130), nothing left running"
}

usage() { die "usage: $0 run TIMEOUT_S ./dev MODE [ARGS...] | interrupt LIMIT_S LINE ./dev MODE [ARGS...]"; }

case ${1:-} in
  run) if (($# < 4)) || [[ $3 != ./dev ]]; then usage; fi; limit=$2; shift 3; check_run "$limit" "$@" ;;
  interrupt) if (($# < 5)) || [[ $4 != ./dev ]]; then usage; fi; check_interrupt "$2" "$3" "${@:5}" ;;
  *) usage ;;
esac
