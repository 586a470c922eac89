# shellcheck shell=bash
# The ./dev commands: test, up, demo, bench, down. Sourced by ./dev.
#
# A run (test, up, demo or bench) owns .dev/<mode>/ (RabbitMQ and Azurite data, app state), the lock
# .dev/<mode>.lock while its ./dev process lives, and .dev/<mode>.env (pids, ports, URLs; no
# secrets). Logs: .dev/logs/<mode>-*.log. `./dev down` stops every run it finds there.

# shellcheck source-path=SCRIPTDIR
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# shellcheck source-path=SCRIPTDIR
. "$DEV_LOCAL/rabbitmq.sh"
# shellcheck source-path=SCRIPTDIR
. "$DEV_LOCAL/rabbitmq-cluster.sh"
# shellcheck source-path=SCRIPTDIR
. "$DEV_LOCAL/azurite.sh"
# shellcheck source-path=SCRIPTDIR
. "$DEV_LOCAL/apps.sh"
# shellcheck source-path=SCRIPTDIR
. "$DEV_LOCAL/demo.sh"
# shellcheck source-path=SCRIPTDIR
. "$DEV_LOCAL/python.sh"

DEV_RABBITMQ_MISSING=0

# Set before stack_infra_spawn: 1 starts the three-node cluster too (./dev test, for its cluster
# test) or instead of the single node (./dev up --cluster: the DevHosts are given every node).
DEV_CLUSTER=0
DEV_CLUSTER_ONLY=0

# stack_begin MODE: takes the run's lock, cleans what an earlier run of that mode left, and
# arms the teardown (EXIT, and Ctrl-C / TERM / HUP through it).
stack_begin() {
  DEV_MODE=$1
  mkdir -p "$DEV_STATE" "$DEV_LOGS"
  DEV_RUN_DIR=$(abs_dir "$DEV_STATE/$DEV_MODE")
  DEV_RUN_ENV=$DEV_STATE/$DEV_MODE.env
  exec 9>"$DEV_STATE/$DEV_MODE.lock"
  flock -n 9 || die "another './dev $DEV_MODE' is running in this checkout ('./dev down' stops it)"
  trap stack_teardown EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
  trap 'exit 129' HUP
  stack_stop_run "$DEV_RUN_DIR"
  state_write "$DEV_RUN_ENV" DEV_PID=$$ DEV_MODE="$DEV_MODE" DEV_RUN_DIR="$DEV_RUN_DIR"
}

stack_teardown() {
  local rc=$? t0
  trap - EXIT TERM
  # A second Ctrl-C must not cut the teardown short, nor the terminal's hangup when the window
  # (or the shell that ran ./dev) goes away meanwhile: what was started would be left running.
  trap '' INT HUP
  set +e
  t0=$(now_ms)
  log "stopping what ./dev $DEV_MODE started..."
  stack_stop_run "$DEV_RUN_DIR"
  log "stopped in $(since "$t0")"
  exit "$rc"
}

# stack_stop_run RUN_DIR: stops the apps, Azurite and RabbitMQ of a run, then anything else
# still carrying one of its tokens (build servers, test hosts, epmd).
stack_stop_run() {
  local run_dir=$1
  sweep_token "$(dev_token "$run_dir" test)" 5 # a dotnet build/test still running (Ctrl-C)
  sweep_token "$(dev_token "$run_dir" build)" 5
  apps_stop "$run_dir"
  azurite_stop "$run_dir"
  rabbitmq_stop "$run_dir"
  rabbitmq_cluster_stop "$run_dir"
  sweep_token "$(dev_token "$run_dir" '')" 5
  rm -f "$DEV_STATE/$(basename "$run_dir").env"
}

# Installs what is missing and starts RabbitMQ and Azurite without waiting for them.
stack_infra_spawn() {
  local line
  if ! rabbitmq_install; then DEV_RABBITMQ_MISSING=1; fi
  azurite_install || die "Azurite could not be installed"
  if ((DEV_CLUSTER && DEV_RABBITMQ_MISSING)); then die "RabbitMQ is not available: no cluster can be started"; fi
  ((DEV_RABBITMQ_MISSING || DEV_CLUSTER_ONLY)) || rabbitmq_spawn "$DEV_RUN_DIR"
  ((DEV_CLUSTER)) && rabbitmq_cluster_spawn "$DEV_RUN_DIR"
  azurite_spawn "$DEV_RUN_DIR"
  local RMQ_PORT='' RMQ_NODENAME='' AZ_BLOB_PORT AZ_TABLE_PORT CLUSTER_NODES=''
  # shellcheck source=/dev/null
  ((DEV_RABBITMQ_MISSING || DEV_CLUSTER_ONLY)) || . "$DEV_RUN_DIR/rabbitmq/state.env"
  # shellcheck source=/dev/null
  ((DEV_CLUSTER)) && . "$DEV_RUN_DIR/rabbitmq-cluster/state.env"
  # shellcheck source=/dev/null
  . "$DEV_RUN_DIR/azurite/state.env"
  if ((DEV_RABBITMQ_MISSING)); then line="RabbitMQ unavailable (in-memory transport)"
  elif ((DEV_CLUSTER_ONLY)); then line="RabbitMQ cluster $CLUSTER_NODES"
  else line="RabbitMQ 127.0.0.1:$RMQ_PORT (node $RMQ_NODENAME)${CLUSTER_NODES:+, a cluster on $CLUSTER_NODES}"; fi
  log "starting: $line, Azurite blob 127.0.0.1:$AZ_BLOB_PORT table 127.0.0.1:$AZ_TABLE_PORT; state $(rel "$DEV_RUN_DIR"), logs $(rel "$DEV_LOGS")"
}

# Waits for both and exports the environment; falls back to InMemory when RabbitMQ fails.
stack_infra_await() {
  azurite_await "$DEV_RUN_DIR" || die "Azurite did not start"
  if ((DEV_CLUSTER)); then
    rabbitmq_cluster_await "$DEV_RUN_DIR" || die "the RabbitMQ cluster did not start"
    log "ready: RabbitMQ cluster $MUSICEVENTS_RABBITMQ_CLUSTER_NODES (spawned $RABBITMQ_CLUSTER_STARTUP_TIME ago)"
  fi
  if ((DEV_CLUSTER_ONLY)); then
    # The DevHosts are given every node: MassTransit moves to another when its node is lost.
    export ConnectionStrings__RabbitMq=$MUSICEVENTS_RABBITMQ_CLUSTER Messaging__Transport=RabbitMq
    local i=0 node
    for node in ${MUSICEVENTS_RABBITMQ_CLUSTER_NODES//,/ }; do export "Messaging__ClusterNodes__$i=$node"; i=$((i + 1)); done
  elif ((!DEV_RABBITMQ_MISSING)) && ! rabbitmq_await "$DEV_RUN_DIR"; then DEV_RABBITMQ_MISSING=1; fi
  if ((DEV_RABBITMQ_MISSING)); then
    unset ConnectionStrings__RabbitMq MUSICEVENTS_RABBITMQ_CTL
    export Messaging__Transport=InMemory
    err "================================================================================"
    err " RabbitMQ is NOT available: Messaging__Transport=InMemory (single process only)."
    err "================================================================================"
    log "ready: Azurite (spawned $AZURITE_STARTUP_TIME ago, before the build)"
  elif ((!DEV_CLUSTER_ONLY)); then
    log "ready: RabbitMQ and Azurite (spawned $RABBITMQ_STARTUP_TIME ago, before the build)"
  fi
  state_append "$DEV_RUN_ENV" Messaging__Transport="$Messaging__Transport" \
    ConnectionStrings__RabbitMq="${ConnectionStrings__RabbitMq:-}" \
    MUSICEVENTS_RABBITMQ_CTL="${MUSICEVENTS_RABBITMQ_CTL:-}" \
    AzureWebJobsStorage="$AzureWebJobsStorage" DEV_BLOB_URL="$DEV_BLOB_URL" DEV_TABLE_URL="$DEV_TABLE_URL"
}

# Sums the per-assembly lines of dotnet test into one plain "N passed, N failed, N skipped" line.
test_totals() {
  awk '/^(Passed|Failed)!/ {
      for (i = 1; i <= NF; i++) {
        if ($i == "Passed:") p += $(i + 1); if ($i == "Failed:") f += $(i + 1); if ($i == "Skipped:") s += $(i + 1)
      }
    }
    END { gsub(",", "", p); printf "%d passed, %d failed, %d skipped\n", p, f, s }' "$1"
}

cmd_test() {
  local rc=0
  stack_begin test
  # The cluster test's three nodes boot during the build, beside the single node of the others.
  rabbitmq_available && DEV_CLUSTER=1
  stack_infra_spawn
  python_pika_install || warn "the Python examples' tests will fail: python3 with pika is missing"
  log "dotnet build MusicEvents.sln -c Release -warnaserror"
  run_tracked "$DEV_RUN_DIR" build dotnet build "$DEV_ROOT/MusicEvents.sln" -c Release \
    -warnaserror -warnnotaserror:NU1603 "${DOTNET_NO_SERVERS[@]}" || rc=$?
  if ((rc != 0)); then err "build failed (exit $rc)"; exit "$rc"; fi
  stack_infra_await
  log "dotnet test MusicEvents.sln -c Release --no-build $*"
  local out=$DEV_RUN_DIR/dotnet-test.out
  set -o pipefail
  run_tracked "$DEV_RUN_DIR" test dotnet test "$DEV_ROOT/MusicEvents.sln" -c Release --no-build "$@" | tee "$out" || rc=$?
  test_totals "$out"
  if ((rc != 0)); then err "tests failed (exit $rc)"; else log "tests passed"; fi
  if ((DEV_RABBITMQ_MISSING)); then
    err "RabbitMQ was not available, so the integration tests could not run against a broker: failing."
    ((rc != 0)) || rc=1
  fi
  exit "$rc"
}

# Set-up shared by up and demo: infrastructure, build, sandbox, DevHost(s).
stack_up() {
  stack_begin "$1"
  stack_infra_spawn
  apps_build "$DEV_RUN_DIR" || exit 1
  stack_infra_await
  apps_start "$DEV_RUN_DIR" || exit 1
  local -A pgid=()
  local name APP_PGID
  for name in sandbox devhost; do
    # shellcheck source=/dev/null
    . "$DEV_RUN_DIR/apps/$name.env"
    pgid[$name]=$APP_PGID
  done
  state_append "$DEV_RUN_ENV" DEV_SANDBOX_URL="$DEV_SANDBOX_URL" DEV_DEVHOST_URL="$DEV_DEVHOST_URL" \
    DEV_DEVHOST_URLS="${DEV_DEVHOST_URLS[*]}" SANDBOX_PID="${pgid[sandbox]}" DEVHOST_PID="${pgid[devhost]}"
  local h=$DEV_DEVHOST_URL m=$DEV_MODE others=''
  ((${#DEV_DEVHOST_URLS[@]} > 1)) && others="   (and ${DEV_DEVHOST_URLS[*]:1}: the same routes, one broker, one storage)"
  cat <<EOF

MusicEvents DevHost   $h$others
  POST $h/api/tracks/extend                        extend
  POST $h/api/tracks/replace-section               replace a section
  GET  $h/api/tracks/{correlationId}               status
  POST $h/api/webhooks/musicapi?cid={correlationId}   MusicAPI's callback
  POST $h/api/webhooks/musicapi/replay/{webhookId}    replay a kept callback (operators)
  GET  $h/api/webhooks/musicapi/deliveries         kept callbacks, newest first (operators)
  GET  $h/openapi/v1.json                          the OpenAPI document of these routes
  GET  $h/api/health                               health (anonymous: bus connected, storage answers)
  GET  $h/devhost/health                           DevHost health (the same checks)
Sandbox (MusicAPI)    $DEV_SANDBOX_URL   (Authorization: Bearer $DEV_SANDBOX_API_KEY)
RabbitMQ              ${ConnectionStrings__RabbitMq:-none: in-memory transport}${MUSICEVENTS_RABBITMQ_CLUSTER_NODES:+   (cluster: ${MUSICEVENTS_RABBITMQ_CLUSTER_NODES//,/ }; $(rel "${MUSICEVENTS_RABBITMQ_CLUSTER_CTL:-}") 2 cluster_status)}
Azurite               blob $DEV_BLOB_URL   table $DEV_TABLE_URL
Logs                  $(rel "$DEV_LOGS")/$m-devhost*.log $m-sandbox.log $m-rabbitmq*.log $m-azurite-*.log
State                 $(rel "$DEV_RUN_ENV")

EOF
}

# ./dev up [--instances N] [--cluster]
cmd_up() {
  while (($#)); do
    case $1 in
      -h | --help | help) usage; exit 0 ;;
      --instances)
        [[ ${2:-} =~ ^[1-9][0-9]?$ ]] || { printf './dev up: --instances needs a number from 1 to 99\n\n' >&2; usage >&2; exit 2; }
        DEV_INSTANCES=$2
        shift 2
        ;;
      --cluster) DEV_CLUSTER=1 DEV_CLUSTER_ONLY=1; shift ;;
      *) printf './dev up: unknown argument %q\n\n' "$1" >&2; usage >&2; exit 2 ;;
    esac
  done
  stack_up up
  log "running: Ctrl-C (or './dev down' elsewhere) stops everything"
  while apps_alive "$DEV_RUN_DIR"; do sleep 1; done
  exit 1
}

cmd_demo() {
  local rc=0
  # The DevHost writes its spans for the waterfall of each flow (this run's only).
  mkdir -p "$(dirname "$DEMO_SPAN_FILE")" && rm -f "$DEMO_SPAN_FILE"
  DEV_DEVHOST_ENV+=("DevHost__SpanFile=$DEMO_SPAN_FILE")
  stack_up demo
  run_demo || rc=$?
  if ((rc == 0)); then log "demo succeeded: the audio is in $(rel "$DEV_RUN_DIR/audio")/ (kept after everything stops)"
  else err "demo failed (exit $rc)"; fi
  exit "$rc"
}

BENCH_PROJECT=$DEV_ROOT/benchmarks/MusicEvents.Benchmarks/MusicEvents.Benchmarks.csproj
BENCH_DLL=$DEV_ROOT/benchmarks/MusicEvents.Benchmarks/bin/Release/net10.0/MusicEvents.Benchmarks.dll

# The set-up of up, with a sandbox that finishes tasks at once and has credits for every command,
# and a DevHost that takes the 1 GiB file (Archive:MaxBytes is 512 MiB by default); then the
# benchmark, which prints its report and writes docs/benchmarks.md. Its exit status is ours.
cmd_bench() {
  local rc=0 started devhost_pid azurite groups APP_PGID='' RMQ_PGID='' AZ_BLOB_PGID='' AZ_TABLE_PGID=''
  # No arguments (./dev refuses them): BENCH_* variables shorten a run, see docs/benchmarks.md.
  started=$(now_ms)
  DEV_EXTRA_PROJECTS=("$BENCH_PROJECT")
  DEV_SANDBOX_ENV=(Sandbox__CompletionDelay=00:00:00 Sandbox__InitialCredits=1000000000)
  DEV_DEVHOST_ENV=(Archive__MaxBytes=2147483648)
  stack_up bench
  if ((DEV_RABBITMQ_MISSING)); then die "RabbitMQ is not available: the benchmark measures MusicEvents on it"; fi
  # Process groups whose CPU time the benchmark reads, to tell which part is the limit.
  # shellcheck source=/dev/null
  . "$DEV_RUN_DIR/apps/sandbox.env"
  groups="sandbox=$APP_PGID"
  # shellcheck source=/dev/null
  . "$DEV_RUN_DIR/rabbitmq/state.env"
  # shellcheck source=/dev/null
  . "$DEV_RUN_DIR/azurite/state.env"
  groups+=" azurite-table=$AZ_TABLE_PGID azurite-blob=$AZ_BLOB_PGID rabbitmq=$RMQ_PGID"
  # shellcheck source=/dev/null
  . "$DEV_RUN_DIR/apps/devhost.env"
  groups="devhost=$APP_PGID $groups"
  devhost_pid=$(pgrep -g "$APP_PGID" -x dotnet | head -n 1)
  [[ -n $devhost_pid ]] || die "no dotnet process in the DevHost's process group $APP_PGID"
  azurite="$(node -p 'require(process.argv[1]).version' "$AZURITE_DIR/package.json") on node $(node --version)"
  log "benchmark against the DevHost (pid $devhost_pid): progress below, the report on stdout and in docs/benchmarks.md"
  run_tracked "$DEV_RUN_DIR" bench env BENCH_WEBHOOK_MASTER_KEY="$DEV_WEBHOOK_MASTER_KEY" \
    BENCH_DEVHOST_PID="$devhost_pid" BENCH_CPU_GROUPS="$groups" BENCH_DOC="$DEV_ROOT/docs/benchmarks.md" \
    BENCH_COMMAND="./dev bench" BENCH_STARTED_MS="$started" BENCH_AZURITE_VERSION="$azurite" dotnet "$BENCH_DLL" || rc=$?
  if ((rc == 0)); then log "benchmark finished in $(since "$started")"; else err "benchmark failed (exit $rc) after $(since "$started")"; fi
  exit "$rc"
}

# Stops every run found under .dev/: first asks a live ./dev owning it to tear down itself.
cmd_down() {
  local run_dir mode lock found=0 DEV_PID
  for run_dir in "$DEV_STATE"/*/; do
    run_dir=${run_dir%/}
    mode=$(basename "$run_dir")
    [[ $mode == logs ]] && continue
    [[ -f $run_dir/rabbitmq/state.env || -f $run_dir/rabbitmq-cluster/state.env || -f $run_dir/azurite/state.env || -n $(ls -A "$run_dir/apps" 2>/dev/null) ||
      -n $(pids_with_token "$(dev_token "$run_dir" '')") ]] || continue
    found=1
    lock=$DEV_STATE/$mode.lock
    if [[ -f $lock ]] && ! flock -n "$lock" true; then
      DEV_PID=''
      # shellcheck source=/dev/null
      [[ -f $DEV_STATE/$mode.env ]] && . "$DEV_STATE/$mode.env"
      if [[ -n $DEV_PID ]] && kill -0 "$DEV_PID" 2>/dev/null; then
        log "asking './dev $mode' (pid $DEV_PID) to stop..."
        kill -TERM "$DEV_PID" 2>/dev/null || true
        flock -w 90 "$lock" true || warn "'./dev $mode' did not finish its teardown within 90 s"
      fi
    fi
    log "stopping what is left of '$mode' ($(rel "$run_dir"))"
    stack_stop_run "$(abs_dir "$run_dir")"
  done
  ((found)) || log "nothing is running"
}
