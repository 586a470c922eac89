#!/usr/bin/env bash
# Azurite (Blob + Table) for ./dev, pinned in infra/local/package.json and installed into
# infra/local/node_modules (gitignored). Data under <run dir>/azurite, wiped at every start.
#
#   infra/local/azurite.sh start|stop [RUN_DIR]        (RUN_DIR: default .dev/manual)
#       start prints `export ...` lines on stdout:  eval "$(infra/local/azurite.sh start)"
#   . infra/local/azurite.sh; azurite_start RUN_DIR     (exports the variables itself)
#
# Exports AzureWebJobsStorage (the well-known devstoreaccount1 key, with explicit Blob and Table
# endpoints on the ports chosen) and DEV_BLOB_URL / DEV_TABLE_URL, and MUSICEVENTS_SPARE_STORAGE_1..6:
# connection strings of six more (empty) accounts on the same servers, for tests that need a
# storage of their own (a fleet of DevHosts whose timers and indexes must not see other tasks).
# AZURITE_ACCESS_LOG=1 keeps Azurite's access log (otherwise --silent).

# shellcheck source-path=SCRIPTDIR
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

AZURITE_DIR=$DEV_LOCAL/node_modules/azurite
AZURITE_ACCOUNT=devstoreaccount1
AZURITE_KEY='Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=='
# Local-only accounts with the same well-known key (Azurite turns devstoreaccount1 off unless it is listed too).
AZURITE_SPARE_ACCOUNTS=(musiceventsspare1 musiceventsspare2 musiceventsspare3 musiceventsspare4 musiceventsspare5 musiceventsspare6)

# npm ci when node_modules/azurite is missing or package-lock.json changed since the last install.
azurite_install() {
  local lock=$DEV_LOCAL/package-lock.json stamp=$DEV_LOCAL/node_modules/.musicevents-lock.sha256 sum
  local logf=$DEV_LOGS/npm-azurite.log
  if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    err "Azurite needs node and npm (apt-get install nodejs npm, or nodesource)"
    return 1
  fi
  sum=$(sha256sum "$lock" | cut -d' ' -f1)
  if [[ -f $AZURITE_DIR/dist/src/blob/main.js && -f $stamp && $(<"$stamp") == "$sum" ]]; then
    return 0
  fi
  mkdir -p "$DEV_LOGS"
  log "installing Azurite with npm ci in infra/local (log: $(rel "$logf"))..."
  local t0; t0=$(now_ms)
  if ! (
    flock 8
    [[ -f $stamp && $(<"$stamp") == "$sum" ]] && exit 0 # another run just did it
    cd "$DEV_LOCAL" && npm ci --no-audit --no-fund --loglevel=error && printf '%s\n' "$sum" > "$stamp"
  ) 8>"$DEV_STATE/npm.lock" >"$logf" 2>&1; then
    err "npm ci failed in infra/local"
    show_tail "$logf" 20
    return 1
  fi
  log "Azurite installed in $(since "$t0")"
}

# azurite_spawn RUN_DIR: starts the blob and the table servers (does not wait).
azurite_spawn() {
  local run_dir d token mode blob table blob_pgid table_pgid
  run_dir=$(abs_dir "$1")
  d=$run_dir/azurite
  local common=(--skipApiVersionCheck --loose --disableTelemetry)
  [[ ${AZURITE_ACCESS_LOG:-0} == 1 ]] || common+=(--silent)
  token=$(dev_token "$run_dir" azurite)
  mode=$(basename "$run_dir")
  azurite_stop "$run_dir"
  rm -rf "$d"
  mkdir -p "$d/blob" "$d/table" "$DEV_LOGS"
  free_port blob
  free_port table
  local accounts="$AZURITE_ACCOUNT:$AZURITE_KEY" spare
  for spare in "${AZURITE_SPARE_ACCOUNTS[@]}"; do accounts+=";$spare:$AZURITE_KEY"; done
  spawn blob_pgid "$DEV_LOGS/$mode-azurite-blob.log" "$token" "AZURITE_ACCOUNTS=$accounts" -- node "$AZURITE_DIR/dist/src/blob/main.js" \
    --blobHost 127.0.0.1 --blobPort "$blob" --location "$d/blob" "${common[@]}"
  spawn table_pgid "$DEV_LOGS/$mode-azurite-table.log" "$token" "AZURITE_ACCOUNTS=$accounts" -- node "$AZURITE_DIR/dist/src/table/main.js" \
    --tableHost 127.0.0.1 --tablePort "$table" --location "$d/table" "${common[@]}"
  state_write "$d/state.env" AZ_BLOB_PGID="$blob_pgid" AZ_TABLE_PGID="$table_pgid" \
    AZ_BLOB_PORT="$blob" AZ_TABLE_PORT="$table" AZ_TOKEN="$token" AZ_STARTED_MS="$(now_ms)" \
    AZ_BLOB_LOG="$DEV_LOGS/$mode-azurite-blob.log" AZ_TABLE_LOG="$DEV_LOGS/$mode-azurite-table.log"
}

# _azurite_wait WHAT PORT PGID LOG: waits for one server, reports a failure.
_azurite_wait() {
  local what=$1 port=$2 pgid=$3 logf=$4 rc=0
  wait_for_port "$port" 60 "$pgid" || rc=$?
  ((rc == 0)) && return 0
  if ((rc == 1)); then err "Azurite $what did not open port $port within 60 s"
  else err "Azurite $what exited during start-up"; fi
  show_tail "$logf" 20
  return 1
}

azurite_await() {
  local run_dir=$1
  local AZ_BLOB_PGID AZ_TABLE_PGID AZ_BLOB_PORT AZ_TABLE_PORT AZ_STARTED_MS AZ_BLOB_LOG AZ_TABLE_LOG
  # shellcheck source=/dev/null
  . "$run_dir/azurite/state.env"
  if ! _azurite_wait blob "$AZ_BLOB_PORT" "$AZ_BLOB_PGID" "$AZ_BLOB_LOG" ||
    ! _azurite_wait table "$AZ_TABLE_PORT" "$AZ_TABLE_PGID" "$AZ_TABLE_LOG"; then
    azurite_stop "$run_dir"
    return 1
  fi
  DEV_BLOB_URL="http://127.0.0.1:$AZ_BLOB_PORT/$AZURITE_ACCOUNT"
  DEV_TABLE_URL="http://127.0.0.1:$AZ_TABLE_PORT/$AZURITE_ACCOUNT"
  export DEV_BLOB_URL DEV_TABLE_URL
  export AzureWebJobsStorage="DefaultEndpointsProtocol=http;AccountName=$AZURITE_ACCOUNT;AccountKey=$AZURITE_KEY;BlobEndpoint=$DEV_BLOB_URL;TableEndpoint=$DEV_TABLE_URL;"
  local i=0 spare
  for spare in "${AZURITE_SPARE_ACCOUNTS[@]}"; do
    i=$((i + 1))
    export "MUSICEVENTS_SPARE_STORAGE_$i=DefaultEndpointsProtocol=http;AccountName=$spare;AccountKey=$AZURITE_KEY;BlobEndpoint=http://127.0.0.1:$AZ_BLOB_PORT/$spare;TableEndpoint=http://127.0.0.1:$AZ_TABLE_PORT/$spare;"
  done
  AZURITE_STARTUP_TIME=$(since "$AZ_STARTED_MS")
}

azurite_start() {
  local run_dir=${1:-${DEV_RUN_DIR:-$DEV_STATE/manual}}
  azurite_spawn "$run_dir" && azurite_await "$run_dir"
}

azurite_stop() {
  local run_dir=${1:-${DEV_RUN_DIR:-$DEV_STATE/manual}} d
  d=$run_dir/azurite
  [[ -f $d/state.env ]] || return 0
  local AZ_BLOB_PGID='' AZ_TABLE_PGID='' AZ_TOKEN=''
  # shellcheck source=/dev/null
  . "$d/state.env"
  local pgid
  for pgid in "$AZ_BLOB_PGID" "$AZ_TABLE_PGID"; do # both at once, then wait
    if group_alive "$pgid" && group_has_token "$pgid" "$AZ_TOKEN"; then kill -TERM -- "-$pgid" 2>/dev/null || true; fi
  done
  stop_group "$AZ_BLOB_PGID" "$AZ_TOKEN" 10
  stop_group "$AZ_TABLE_PGID" "$AZ_TOKEN" 10
  sweep_token "$AZ_TOKEN" 5
  rm -f "$d/state.env"
}

if [[ ${BASH_SOURCE[0]} == "$0" ]]; then
  set -euo pipefail
  run_dir=$(abs_dir "${2:-$DEV_STATE/manual}")
  case ${1:-} in
    start)
      azurite_install || exit 1
      azurite_start "$run_dir" || exit 1
      log "Azurite $AZURITE_STARTUP_TIME: blob $DEV_BLOB_URL, table $DEV_TABLE_URL (stop: $0 stop $run_dir)"
      printf 'export %s=%q\n' AzureWebJobsStorage "$AzureWebJobsStorage" \
        DEV_BLOB_URL "$DEV_BLOB_URL" DEV_TABLE_URL "$DEV_TABLE_URL"
      ;;
    stop) azurite_stop "$run_dir" ;;
    *) echo "usage: $0 start|stop [run-dir]" >&2; exit 2 ;;
  esac
fi
