# shellcheck shell=bash
# Building with dotnet, and running the sandbox and the DevHost as processes, for ./dev.
# Sourced by stack.sh (after lib.sh).

SANDBOX_PROJECT=$DEV_ROOT/infra/sandbox/MusicEvents.Sandbox/MusicEvents.Sandbox.csproj
SANDBOX_DLL=$DEV_ROOT/infra/sandbox/MusicEvents.Sandbox/bin/Release/net10.0/MusicEvents.Sandbox.dll
DEVHOST_PROJECT=$DEV_ROOT/functions/MusicEvents.DevHost/MusicEvents.DevHost.csproj
DEVHOST_DLL=$DEV_ROOT/functions/MusicEvents.DevHost/bin/Release/net10.0/MusicEvents.DevHost.dll

# Set by a command before stack_up to vary the set-up (./dev bench does): more projects to build,
# and NAME=VALUE settings added to (or overriding) the sandbox's and the DevHost's.
DEV_EXTRA_PROJECTS=()
DEV_SANDBOX_ENV=()
DEV_DEVHOST_ENV=()

# How many DevHosts apps_start runs (./dev up --instances N): one broker, one storage, each its port.
DEV_INSTANCES=1

# No MSBuild node reuse, MSBuild server, compiler or Razor server: nothing may outlive ./dev.
DOTNET_NO_SERVERS=(-nodeReuse:false -p:UseSharedCompilation=false -p:UseRazorBuildServer=false)
export DOTNET_CLI_USE_MSBUILD_SERVER=0 MSBUILDDISABLENODEREUSE=1
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# run_tracked RUN_DIR NAME CMD...: runs CMD attached to the terminal's output, waiting for it in
# a way the traps of ./dev can interrupt; tagged, so the teardown stops it and its children.
run_tracked() {
  local token pid
  token=$(dev_token "$1" "$2")
  shift 2
  env "MUSICEVENTS_DEV_RUN=$token" "$@" 9>&- &
  pid=$!
  wait "$pid"
}

# app_start RUN_DIR NAME PORT DLL [NAME=VALUE...]: runs `dotnet DLL --urls http://127.0.0.1:PORT`
# from the DLL's folder (its content root) and waits for the port.
app_start() {
  local run_dir=$1 name=$2 port=$3 dll=$4
  shift 4
  local token logf pgid rc=0 t0
  if [[ ! -f $dll ]]; then
    err "$name: $(rel "$dll") is missing (did the build succeed?)"
    return 1
  fi
  token=$(dev_token "$run_dir" "$name")
  logf=$DEV_LOGS/$(basename "$run_dir")-$name.log
  mkdir -p "$run_dir/apps"
  t0=$(now_ms)
  spawn pgid "$logf" "$token" "$@" -- env -C "$(dirname "$dll")" dotnet "$dll" --urls "http://127.0.0.1:$port"
  state_write "$run_dir/apps/$name.env" APP_PGID="$pgid" APP_PORT="$port" APP_TOKEN="$token" APP_LOG="$logf"
  wait_for_port "$port" 90 "$pgid" || rc=$?
  if ((rc != 0)); then
    if ((rc == 1)); then err "$name did not open port $port within 90 s"; else err "$name exited during start-up"; fi
    show_tail "$logf" 40
    app_stop "$run_dir" "$name"
    return 1
  fi
  log "$name listening on http://127.0.0.1:$port after $(since "$t0") (log: $(rel "$logf"))"
}

app_stop() {
  local run_dir=$1 name=$2 f
  f=$run_dir/apps/$name.env
  [[ -f $f ]] || return 0
  local APP_PGID='' APP_TOKEN=''
  # shellcheck source=/dev/null
  . "$f"
  stop_group "$APP_PGID" "$APP_TOKEN" 15
  sweep_token "$APP_TOKEN" 5
  rm -f "$f"
}

# apps_alive RUN_DIR: fails (with the log's tail) when a started app is gone.
apps_alive() {
  local run_dir=$1 f name
  for f in "$run_dir"/apps/*.env; do
    [[ -f $f ]] || continue
    local APP_PGID='' APP_LOG=''
    # shellcheck source=/dev/null
    . "$f"
    if ! group_alive "$APP_PGID"; then
      name=$(basename "$f" .env)
      err "$name (pid $APP_PGID) has exited"
      show_tail "$APP_LOG" 40
      return 1
    fi
  done
}

apps_stop() {
  local run_dir=$1 f
  # The DevHosts (devhost, devhost2, ...) first, the sandbox they call last.
  for f in "$run_dir"/apps/devhost*.env; do [[ -f $f ]] && app_stop "$run_dir" "$(basename "$f" .env)"; done
  app_stop "$run_dir" sandbox
}

apps_build() {
  local run_dir=$1 project
  for project in "$SANDBOX_PROJECT" "$DEVHOST_PROJECT" "${DEV_EXTRA_PROJECTS[@]}"; do
    log "dotnet build $(rel "$project") -c Release"
    run_tracked "$run_dir" build dotnet build "$project" -c Release "${DOTNET_NO_SERVERS[@]}" ||
      { err "build of $(rel "$project") failed"; return 1; }
  done
}

# apps_start RUN_DIR: the sandbox, then DEV_INSTANCES DevHosts wired to it (one broker, one storage),
# with keys made up for this run (kept in memory only). Exports DEV_SANDBOX_URL, DEV_SANDBOX_API_KEY,
# DEV_DEVHOST_URL (the first DevHost); sets DEV_DEVHOST_URLS (all of them) and, not exported,
# DEV_WEBHOOK_MASTER_KEY (./dev bench hands it to the benchmark alone, to sign deliveries).
apps_start() {
  local run_dir=$1 sandbox_port host_port api_key i name
  free_port sandbox_port
  api_key=$(random_hex 24)
  DEV_WEBHOOK_MASTER_KEY=$(random_hex 32)
  DEV_SANDBOX_URL=http://127.0.0.1:$sandbox_port
  DEV_SANDBOX_API_KEY=$api_key
  DEV_DEVHOST_URLS=()
  export DEV_SANDBOX_URL DEV_SANDBOX_API_KEY
  app_start "$run_dir" sandbox "$sandbox_port" "$SANDBOX_DLL" \
    "Sandbox__ApiKey=$api_key" Sandbox__CompletionDelay=00:00:02 \
    ASPNETCORE_ENVIRONMENT=Development DOTNET_ENVIRONMENT=Development "${DEV_SANDBOX_ENV[@]}" || return 1
  for ((i = 1; i <= DEV_INSTANCES; i++)); do
    free_port host_port
    name=devhost
    ((i > 1)) && name=devhost$i
    DEV_DEVHOST_URLS+=("http://127.0.0.1:$host_port")
    # Each its own webhook URL (any instance takes any task's delivery); timers run once per occurrence.
    app_start "$run_dir" "$name" "$host_port" "$DEVHOST_DLL" \
      "MusicApi__BaseUrl=$DEV_SANDBOX_URL" "MusicApi__ApiKey=$api_key" \
      "MusicApi__WebhookUrl=http://127.0.0.1:$host_port/api/webhooks/musicapi" \
      "MusicApi__WebhookMasterKeys__0=$DEV_WEBHOOK_MASTER_KEY" Archive__AllowedHosts__0=127.0.0.1 \
      Archive__PrivateNetworkHosts__0=127.0.0.1 'Reconciliation__Schedule=*/15 * * * * *' \
      Reconciliation__OverdueAfter=00:00:30 Reconciliation__GiveUpAfter=00:10:00 \
      ASPNETCORE_ENVIRONMENT=Development DOTNET_ENVIRONMENT=Development "${DEV_DEVHOST_ENV[@]}" || return 1
  done
  DEV_DEVHOST_URL=${DEV_DEVHOST_URLS[0]}
  export DEV_DEVHOST_URL
}
