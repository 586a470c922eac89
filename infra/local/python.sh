# shellcheck shell=bash
# Debian's python3 with pika, for the integration tests that run the Python examples of
# docs/interop.md (examples/python). Sourced by stack.sh (after lib.sh).

# Debian's interpreter, where python3-pika installs (a python3 earlier on PATH may be another one).
DEV_PYTHON=${MUSICEVENTS_PYTHON:-/usr/bin/python3}

python_pika_available() { [[ -x $DEV_PYTHON ]] && "$DEV_PYTHON" -c 'import pika' 2>/dev/null; }

# Installs python3-pika from Debian when it is missing (as rabbitmq_install does rabbitmq-server)
# and exports MUSICEVENTS_PYTHON. Returns 1, having said why, when it cannot.
python_pika_install() {
  local sudo=() logf=$DEV_LOGS/apt-python3-pika.log t0
  if ! python_pika_available; then
    mkdir -p "$DEV_LOGS"
    command -v apt-get >/dev/null || { warn "python3-pika is missing and there is no apt-get to install it with"; return 1; }
    if ((EUID != 0)); then
      if command -v sudo >/dev/null && sudo -n true 2>/dev/null; then sudo=(sudo -n); else
        warn "python3-pika is missing, and installing it needs root: sudo apt-get install -y python3-pika"
        return 1
      fi
    fi
    log "python3-pika is not installed: apt-get install python3-pika (log: $(rel "$logf"))..."
    t0=$(now_ms)
    # The same lock as rabbitmq_install: one apt-get at a time.
    if ! (
      flock 8
      python_pika_available && exit 0
      "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 update &&
        "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y python3-pika
    ) 8>"$DEV_STATE/apt.lock" >"$logf" 2>&1; then
      warn "apt-get could not install python3-pika"
      show_tail "$logf" 15
      return 1
    fi
    python_pika_available || { warn "python3-pika installed but $DEV_PYTHON cannot import pika"; return 1; }
    log "python3-pika installed in $(since "$t0")"
  fi
  export MUSICEVENTS_PYTHON=$DEV_PYTHON
}
