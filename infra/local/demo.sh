# shellcheck shell=bash
# The scenario of `./dev demo`. Sourced by stack.sh; run_demo is called once everything is up,
# and its exit status is the exit status of ./dev demo (everything is stopped afterwards).
#
# Available to run_demo:
#   DEV_DEVHOST_URL       http://127.0.0.1:<port> of the DevHost (routes under /api)
#   DEV_SANDBOX_URL       the MusicAPI sandbox; DEV_SANDBOX_API_KEY its bearer key (this run only)
#   DEV_BLOB_URL          Azurite blob endpoint (…/devstoreaccount1); DEV_TABLE_URL the table one
#   AzureWebJobsStorage   the storage connection string; ConnectionStrings__RabbitMq, Messaging__Transport
#   DEV_RUN_DIR           this run's folder (.dev/demo)
#   DEV_LOGS, DEV_MODE    log folder (.dev/logs/demo-devhost.log, demo-sandbox.log, ...)
#   log/warn/err          helpers from lib.sh (stderr)

# Sends one extend and one replace-section request over HTTP (each becomes a command on the bus),
# follows each task through GET /api/tracks/{id} until it is Stored or Failed, and prints its
# task id, every state with its time, and where the audio is: its blob, and a copy of it in
# .dev/demo/audio/ that a person can play. Exits 0 only when both are Stored and copied.
run_demo() {
  local extend replace rc=0
  DEMO_AUDIO_DIR=$DEV_RUN_DIR/audio
  rm -rf "$DEMO_AUDIO_DIR" # this run's audio only
  extend=$(demo_post extend '{"clipId":"demo-clip","startsAt":30.5,"length":8,"instruction":"extend it with a short outro"}') || return 1
  replace=$(demo_post replace-section '{"clipId":"demo-clip","startsAt":10,"endsAt":16.5,"instruction":"a softer bridge"}') || return 1
  demo_follow extend "$extend" || rc=1
  demo_follow replace-section "$replace" || rc=1
  return "$rc"
}

# The span file the DevHost of ./dev demo writes (DevHost:SpanFile), read by demo_follow's waterfall.
DEMO_SPAN_FILE=$DEV_STATE/demo/spans.jsonl

# demo_post ROUTE BODY: prints the correlation id MusicEvents accepted the request under.
demo_post() {
  local answer status
  answer=$(curl -sS --max-time 30 -X POST -H 'Content-Type: application/json' --data "$2" \
    -w $'\n%{http_code}' "$DEV_DEVHOST_URL/api/tracks/$1") || { err "POST /api/tracks/$1 failed"; return 1; }
  status=${answer##*$'\n'}
  if [[ $status != 202 ]]; then
    err "POST /api/tracks/$1 answered $status: ${answer%$'\n'*}"
    return 1
  fi
  log "POST /api/tracks/$1 $2 -> 202"
  printf '%s' "${answer%$'\n'*}" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).correlationId))'
}

# demo_follow NAME CORRELATION_ID: polls the status route for up to 60 s, then prints the report.
demo_follow() {
  local name=$1 id=$2 status state deadline=$((SECONDS + 60))
  while :; do
    status=$(curl -sS --max-time 10 "$DEV_DEVHOST_URL/api/tracks/$id") || { err "GET /api/tracks/$id failed"; return 1; }
    state=$(printf '%s' "$status" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).state))')
    [[ $state == Stored || $state == Failed || $SECONDS -ge $deadline ]] && break
    sleep 0.5
  done
  # The report, and each stored blob copied to .dev/demo/audio/ (kept after everything stops).
  printf '%s' "$status" | (cd "$DEV_ROOT" && node "$DEV_LOCAL/demo-report.js" "$name" "$(rel "$DEMO_AUDIO_DIR")") || return 1
  [[ $state == Stored ]] || { err "$name ended $state"; return 1; }
  # Where the time went: the flow's trace, from the spans the DevHost wrote as they ended.
  node "$DEV_LOCAL/demo-trace.js" "$DEMO_SPAN_FILE" "$id" || { err "$name: no trace of the flow in $(rel "$DEMO_SPAN_FILE")"; return 1; }
}
