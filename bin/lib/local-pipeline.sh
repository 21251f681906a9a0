# shellcheck shell=bash
# The local pipeline for bin/synthsmith: real Kafka (KRaft) and Infinispan from libs/embedded, and the five
# services as separate JVMs, all on this machine without Docker. State lives under .synthsmith/ (git-ignored).

STATE_DIR="${SYNTHSMITH_STATE_DIR:-$SYNTHSMITH_HOME/.synthsmith}"
SERVICES=(task-evolver solver verifier dedup exporter)
declare -A SERVICE_PORT=([task-evolver]=8081 [solver]=8082 [verifier]=8083 [dedup]=8084 [exporter]=8085)
# dedup reads the evolver's tasks before solving (and the rejections that release them), and verified after.
declare -A SERVICE_INPUT=([task-evolver]=seeds [solver]=tasks.unique [verifier]=solved [dedup]="{tasks,verified,rejected}"
  [exporter]=accepted)
KAFKA_PORT="${SYNTHSMITH_KAFKA_PORT:-9092}"
INFINISPAN_PORT="${SYNTHSMITH_INFINISPAN_PORT:-11222}"
TOPIC_PREFIX="${SYNTHSMITH_TOPICS_PREFIX:-synthsmith.}"
# The services listen on loopback only unless SYNTHSMITH_HTTP_HOST says otherwise (Kafka and Infinispan always do).
# Beyond loopback a service refuses to start without SYNTHSMITH_API_TOKEN (or SYNTHSMITH_API_ALLOW_OPEN=true).
HTTP_HOST="${SYNTHSMITH_HTTP_HOST:-127.0.0.1}"
# Dedup before solving (dedup README "Dedup before solving"): on unless SYNTHSMITH_DEDUP_PRE_SOLVE_ENABLED=false, and
# then the solver must read the evolver's topic (SYNTHSMITH_SOLVER_INPUT_TOPIC=<prefix>tasks), which this sets.
if [[ "${SYNTHSMITH_DEDUP_PRE_SOLVE_ENABLED:-true}" == false ]]; then
  PRE_SOLVE=false
  SERVICE_INPUT[solver]=tasks
  export SYNTHSMITH_SOLVER_INPUT_TOPIC="${SYNTHSMITH_SOLVER_INPUT_TOPIC:-${TOPIC_PREFIX}tasks}"
else
  PRE_SOLVE=true
fi

# The address the launcher itself reaches the services on: loopback unless they listen on one other address only.
http_reach_host() {
  case "$HTTP_HOST" in
    0.0.0.0 | :: | "[::]" | 127.* | localhost) echo 127.0.0.1 ;;
    *) echo "$HTTP_HOST" ;;
  esac
}

pid_alive() {
  [[ -f "$1" ]] && kill -0 "$(cat "$1")" 2>/dev/null
}

# Builds every module (without tests) when a service's runnable jar is missing or a source is newer than it.
ensure_pipeline_built() {
  local stamp="$STATE_DIR/build.stamp" changed=""
  mkdir -p "$STATE_DIR"
  local missing=""
  for service in "${SERVICES[@]}"; do
    [[ -f "$SYNTHSMITH_HOME/$service/target/quarkus-app/quarkus-run.jar" ]] || missing=$service
  done
  [[ -f "$SYNTHSMITH_HOME/libs/embedded/target/runtime.classpath" ]] || missing=libs/embedded
  if [[ -z "$missing" && -f "$stamp" ]]; then
    changed=$(cd "$SYNTHSMITH_HOME" && find pom.xml libs "${SERVICES[@]}" -path '*/target' -prune -o -type f \
      -newer "$stamp" -print -quit 2>/dev/null || true)
    [[ -z "$changed" ]] && return
  fi
  echo "synthsmith: building the pipeline (${missing:+$missing is not built}${changed:+$changed changed}); the first build takes a few minutes" >&2
  maven_with_progress "$STATE_DIR/logs/build.log" install -DskipTests \
    || die "the build failed (the last lines are above; all of it in $STATE_DIR/logs/build.log); run: cd $SYNTHSMITH_HOME && ./mvnw install -DskipTests"
  touch "$stamp"
}

# maven_with_progress LOG GOALS...: runs ./mvnw in batch mode with its whole output in LOG and one line per module on
# stderr ("[3/14] libs/messages"), as Maven's reactor starts it; on failure, the last lines of LOG.
maven_with_progress() {
  local log=$1
  shift
  mkdir -p "$(dirname "$log")"
  local status=0
  (cd "$SYNTHSMITH_HOME" && MAVEN_OPTS="${MAVEN_OPTS:-} $(maven_jvm_options)" ./mvnw -B "$@") >"$log" 2>&1 &
  local maven=$!
  # Maven prints "[INFO] Building <name> <version> [i/n]" as each module of the reactor starts.
  tail -n +1 -f --pid="$maven" "$log" 2>/dev/null \
    | sed -un 's/^\[INFO\] Building \(.*[^ ]\) \{1,\}[^ ]\{1,\} \{1,\}\[\([0-9]*\/[0-9]*\)\]$/synthsmith:   [\2] \1/p' >&2
  wait "$maven" || status=$?
  if (( status != 0 )); then
    grep -E '^\[ERROR\]' "$log" | head -n 20 >&2 || tail -n 20 "$log" >&2
  fi
  return "$status"
}

# The options that quiet the JDK's warnings about Maven's own libraries (Guice and Jansi use sun.misc.Unsafe and
# native access): they are not ours to fix, and they bury the build's progress.
maven_jvm_options() {
  local major
  major=$(java_major "${JAVA%/bin/java}")
  (( major >= 22 )) && printf ' --enable-native-access=ALL-UNNAMED'
  (( major >= 24 )) && printf ' --sun-misc-unsafe-memory-access=allow'
  printf ' -XX:+IgnoreUnrecognizedVMOptions'
}

# service_jvm_options: the same for the services (Netty and the Kafka client use sun.misc.Unsafe; the Infinispan
# client and Vert.x load native code).
service_jvm_options() {
  SERVICE_JVM_OPTIONS=(--enable-native-access=ALL-UNNAMED)
  (( $(java_major "${JAVA%/bin/java}") >= 24 )) && SERVICE_JVM_OPTIONS+=(--sun-misc-unsafe-memory-access=allow)
  return 0
}

infra_field() {
  sed -n "s/.*\"$1\":\"\\{0,1\\}\\([^\",}]*\\).*/\\1/p" "$STATE_DIR/infra/infrastructure.json"
}

start_infrastructure() {
  local pidfile="$STATE_DIR/pids/infrastructure.pid"
  if pid_alive "$pidfile"; then
    echo "synthsmith: infrastructure already running (Kafka $(infra_field kafka), Infinispan $(infra_field infinispan))"
    return
  fi
  mkdir -p "$STATE_DIR/pids" "$STATE_DIR/logs" "$STATE_DIR/infra"
  rm -f "$STATE_DIR/infra/infrastructure.json"
  echo "synthsmith: starting Kafka (KRaft) on $KAFKA_PORT and Infinispan on $INFINISPAN_PORT"
  service_jvm_options
  nohup "$JAVA" -Xmx256m "${SERVICE_JVM_OPTIONS[@]}" -cp "$SYNTHSMITH_HOME/libs/embedded/target/classes:$(cat "$SYNTHSMITH_HOME/libs/embedded/target/runtime.classpath")" \
    io.synthsmith.embedded.EmbeddedInfrastructure --dir "$STATE_DIR/infra" --kafka-port "$KAFKA_PORT" \
    --infinispan-port "$INFINISPAN_PORT" --topic-prefix "$TOPIC_PREFIX" \
    >"$STATE_DIR/logs/infrastructure.log" 2>&1 </dev/null &
  echo $! >"$pidfile"
  local waited=0
  until [[ -s "$STATE_DIR/infra/infrastructure.json" ]]; do
    pid_alive "$pidfile" || die "the infrastructure failed to start; see $STATE_DIR/logs/infrastructure.log and $STATE_DIR/infra/*/logs"
    (( waited++ > 180 )) && die "the infrastructure did not start within 3 minutes; see $STATE_DIR/logs/infrastructure.log"
    sleep 1
  done
  echo "synthsmith: infrastructure up: Kafka $(infra_field kafka), Infinispan $(infra_field infinispan)"
}

start_service() {
  local service=$1 port=${SERVICE_PORT[$1]}
  local pidfile="$STATE_DIR/pids/$service.pid"
  if pid_alive "$pidfile"; then
    echo "synthsmith: $service already running on :$port"
    return
  fi
  rm -f "$STATE_DIR/pids/$service.ready"
  service_jvm_options
  KAFKA_BOOTSTRAP_SERVERS="$(infra_field kafka)" \
  QUARKUS_INFINISPAN_CLIENT_HOSTS="$(infra_field infinispan)" \
  SYNTHSMITH_TOPICS_PREFIX="$TOPIC_PREFIX" \
  QUARKUS_HTTP_HOST="$HTTP_HOST" \
  QUARKUS_HTTP_PORT="$port" \
  SYNTHSMITH_EXPORTER_FILES_DIRECTORY="${SYNTHSMITH_EXPORTER_FILES_DIRECTORY:-$STATE_DIR/datasets}" \
  SYNTHSMITH_EXPORTER_FILES_SHARD_MAX_AGE="${SYNTHSMITH_EXPORTER_FILES_SHARD_MAX_AGE:-PT10S}" \
    nohup "$JAVA" -Xmx512m "${SERVICE_JVM_OPTIONS[@]}" -jar "$SYNTHSMITH_HOME/$service/target/quarkus-app/quarkus-run.jar" \
    >"$STATE_DIR/logs/$service.log" 2>&1 </dev/null &
  echo $! >"$pidfile"
}

await_ready() {
  local service=$1 port=${SERVICE_PORT[$1]} waited=0
  until curl -sf -m 2 "http://$(http_reach_host):$port/q/health/ready" >/dev/null 2>&1; do
    pid_alive "$STATE_DIR/pids/$service.pid" || die "$service exited while starting; see $STATE_DIR/logs/$service.log"
    (( waited++ > 240 )) && die "$service was not ready within 2 minutes; see $STATE_DIR/logs/$service.log"
    sleep 0.5
  done
  # status reads this: a service the launcher started that has not been ready yet is "starting", not "unresponsive"
  touch "$STATE_DIR/pids/$service.ready"
  echo "synthsmith: $service ready on http://$(http_reach_host):$port (listening on $HTTP_HOST)"
}

REPLAY_SCRIPT="${SYNTHSMITH_REPLAY_SCRIPT:-$SYNTHSMITH_HOME/examples/replay/llm-script.json}"

# llm_option MODE: checks the value of --llm (only "replay" exists).
llm_option() {
  [[ "$1" == replay ]] || die "unknown --llm '$1'; the only mode is 'replay' (scripted replies from $REPLAY_SCRIPT)"
}

# Starts libs/scripted-llm's server on a free local port with the replay script (scripted replies, not a model)
# and exports SYNTHSMITH_LLM_BASE_URL / SYNTHSMITH_LLM_MODEL for the services started after it.
start_replay_llm() {
  local pidfile="$STATE_DIR/pids/scripted-llm.pid" module="$SYNTHSMITH_HOME/libs/scripted-llm" port
  mkdir -p "$STATE_DIR/pids" "$STATE_DIR/logs"
  [[ -r "$REPLAY_SCRIPT" ]] || die "no replay script at $REPLAY_SCRIPT"
  if ! pid_alive "$pidfile"; then
    if [[ ! -s "$module/target/runtime.classpath" ]]; then
      echo "synthsmith: resolving the classpath of libs/scripted-llm (once; cached in $module/target/runtime.classpath)" >&2
      (cd "$SYNTHSMITH_HOME" && MAVEN_OPTS="${MAVEN_OPTS:-} $(maven_jvm_options)" ./mvnw -q -B -pl libs/scripted-llm dependency:build-classpath \
        -Dmdep.outputFile=target/runtime.classpath -Dmdep.includeScope=runtime) >&2 \
        || die "could not resolve the classpath of libs/scripted-llm"
    fi
    port=$(/usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    nohup "$JAVA" -Xmx256m -cp "$module/target/classes:$(cat "$module/target/runtime.classpath")" \
      io.synthsmith.scriptedllm.ScriptedLlmMain --script "$REPLAY_SCRIPT" --host 127.0.0.1 --port "$port" \
      >"$STATE_DIR/logs/scripted-llm.log" 2>&1 </dev/null &
    echo $! >"$pidfile"
    echo "$port" >"$STATE_DIR/scripted-llm.port"
  fi
  port=$(cat "$STATE_DIR/scripted-llm.port")
  local waited=0
  until curl -sf "http://127.0.0.1:$port/v1/models" >/dev/null 2>&1; do
    pid_alive "$pidfile" || die "the scripted LLM server failed to start; see $STATE_DIR/logs/scripted-llm.log"
    (( waited++ > 60 )) && die "the scripted LLM server did not answer within 30 s; see $STATE_DIR/logs/scripted-llm.log"
    sleep 0.5
  done
  export SYNTHSMITH_LLM_BASE_URL="http://127.0.0.1:$port/v1" SYNTHSMITH_LLM_MODEL=scripted
  echo "synthsmith: LLM REPLAY: the task-evolver and solver get SCRIPTED replies from $SYNTHSMITH_LLM_BASE_URL, not a model"
}

cmd_up() {
  local llm=""
  while [[ $# -gt 0 ]]; do
    case "$1" in
      --llm) [[ $# -ge 2 ]] || die "--llm needs a mode: replay"; llm=$2; shift ;;
      --llm=*) llm=${1#--llm=} ;;
      *) die "usage: synthsmith up [--llm replay]" ;;
    esac
    shift
  done
  [[ -n "$llm" ]] && llm_option "$llm"
  find_java
  ensure_pipeline_built
  if [[ -n "$llm" ]]; then
    local running=""
    for service in task-evolver solver; do pid_alive "$STATE_DIR/pids/$service.pid" && running+=" $service"; done
    [[ -n "$running" ]] && die "already running:$running, with their own LLM settings; run bin/synthsmith down first"
    start_replay_llm
  fi
  start_infrastructure
  for service in "${SERVICES[@]}"; do start_service "$service"; done
  for service in "${SERVICES[@]}"; do await_ready "$service"; done
  [[ -n "${SYNTHSMITH_LLM_BASE_URL:-}" ]] || echo "synthsmith: note: SYNTHSMITH_LLM_BASE_URL is not set, so the LLM stages have no model to call"
}

stop_pid() {
  local name=$1 pidfile="$STATE_DIR/pids/$1.pid" waited=0
  pid_alive "$pidfile" || { rm -f "$pidfile"; return; }
  kill -TERM "$(cat "$pidfile")"
  while pid_alive "$pidfile"; do
    if (( waited++ == 60 )); then
      echo "synthsmith: $name did not stop within 30 s; killing it" >&2
      kill -KILL "$(cat "$pidfile")" 2>/dev/null || true
    fi
    sleep 0.5
  done
  rm -f "$pidfile" "$STATE_DIR/pids/$name.ready"
  echo "synthsmith: stopped $name"
}

cmd_down() {
  for service in "${SERVICES[@]}"; do stop_pid "$service"; done
  stop_pid infrastructure
  stop_pid scripted-llm
  rm -f "$STATE_DIR/scripted-llm.port"
}

# reset [--yes]: stops everything, then deletes the local state: Kafka's and Infinispan's data (so every topic, the
# feature trees, the dedup index and the run configurations), the dataset files, the run record and its metrics.
# The build and the logs stay.
cmd_reset() {
  local yes=false
  while [[ $# -gt 0 ]]; do
    case "$1" in
      --yes | -y) yes=true ;;
      *) die "unknown option '$1'; usage: synthsmith reset [--yes]" ;;
    esac
    shift
  done
  local datasets="${SYNTHSMITH_EXPORTER_FILES_DIRECTORY:-$STATE_DIR/datasets}"
  if ! $yes; then
    [[ -t 0 ]] || die "reset deletes every topic, the Infinispan data and the dataset files; without a terminal to confirm, pass --yes"
    local answer=""
    read -r -p "synthsmith: stop the pipeline and delete every topic, the Infinispan data and the dataset files under $datasets? [y/N] " answer
    [[ "$answer" =~ ^[Yy]([Ee][Ss])?$ ]] || { echo "synthsmith: nothing deleted"; return 0; }
  fi
  cmd_down
  rm -rf "$STATE_DIR/infra" "$datasets" "$STATE_DIR/metrics" "$STATE_DIR/run.json"
  echo "synthsmith: local state deleted (topics, Infinispan data, datasets, the run record); the build and the logs are kept"
}

cmd_seed() {
  [[ $# -ge 1 ]] || die "usage: synthsmith seed FILE.jsonl [--run ID]"
  find_java
  [[ -s "$STATE_DIR/infra/infrastructure.json" ]] || die "the pipeline is not up; run: bin/synthsmith up"
  # The Kafka client logs through SLF4J, which has no provider here: drop its three-line notice.
  "$JAVA" --enable-native-access=ALL-UNNAMED \
    -cp "$SYNTHSMITH_HOME/libs/embedded/target/classes:$(cat "$SYNTHSMITH_HOME/libs/embedded/target/runtime.classpath")" \
    io.synthsmith.embedded.cli.SeedLoader --bootstrap "$(infra_field kafka)" --topic-prefix "$TOPIC_PREFIX" "$@" \
    2> >(grep -v '^SLF4J' >&2)
}

# pipeline_status ARGS...: libs/embedded's PipelineStatus (the status table, --json, --progress) against this
# state dir and broker; it reads every service and the broker in parallel (5 s timeouts), so it answers within ~5 s.
pipeline_status() {
  local module="$SYNTHSMITH_HOME/libs/embedded" bootstrap="localhost:$KAFKA_PORT" jar
  jar=$(find "$module/target" -maxdepth 1 -name 'synthsmith-embedded-*.jar' ! -name '*-sources.jar' -print -quit 2>/dev/null)
  if [[ -z "$jar" || ! -s "$module/target/runtime.classpath" \
        || -n "$(find "$module/src/main" "$module/pom.xml" -type f -newer "$jar" -print -quit 2>/dev/null)" ]]; then
    echo "synthsmith: building libs/embedded (for status)" >&2
    (cd "$SYNTHSMITH_HOME" && MAVEN_OPTS="${MAVEN_OPTS:-} $(maven_jvm_options)" ./mvnw -q -B -pl libs/embedded -am install -DskipTests) >&2 \
      || die "the build of libs/embedded failed; run: cd $SYNTHSMITH_HOME && ./mvnw -pl libs/embedded -am install -DskipTests"
    jar=$(find "$module/target" -maxdepth 1 -name 'synthsmith-embedded-*.jar' ! -name '*-sources.jar' -print -quit)
  fi
  [[ -s "$STATE_DIR/infra/infrastructure.json" ]] && bootstrap=$(infra_field kafka)
  # From the jar, not target/classes, so that the JVM can keep a class-data archive (AppCDS) of what it loads: it
  # starts in about half the CPU time. The archive is made on the first run; the JVM ignores (and does not remake)
  # one older than the jars, so drop it then. Its warnings go to stdout: silence them.
  local archive="$module/target/status.jsa"
  [[ "$jar" -nt "$archive" || "$module/target/runtime.classpath" -nt "$archive" ]] && rm -f "$archive"
  # The Kafka client logs through SLF4J, which has no provider here: drop its three-line notice.
  "$JAVA" -XX:+AutoCreateSharedArchive -XX:SharedArchiveFile="$archive" -Xlog:cds*=off \
    -XX:TieredStopAtLevel=1 -Xmx128m --enable-native-access=ALL-UNNAMED \
    -cp "$jar:$(cat "$module/target/runtime.classpath")" \
    io.synthsmith.embedded.cli.PipelineStatus --bootstrap "$bootstrap" --topic-prefix "$TOPIC_PREFIX" \
    --state-dir "$STATE_DIR" "$@" 2> >(grep -v '^SLF4J' >&2)
}

# status [--json] [--watch]: per stage state, counts, rejections by reason, consumer lag; and the run's progress.
cmd_status() {
  local args=()
  while [[ $# -gt 0 ]]; do
    case "$1" in
      --json | --watch) args+=("$1") ;;
      *) die "unknown option '$1'; usage: synthsmith status [--json] [--watch]" ;;
    esac
    shift
  done
  [[ -t 1 ]] && args+=(--terminal)
  find_java
  pipeline_status "${args[@]}"
}

# json_string TEXT: TEXT as a JSON string literal (quotes and backslashes escaped).
json_string() {
  local text=${1//\\/\\\\}
  text=${text//\"/\\\"}
  printf '"%s"' "$text"
}

# write_run_file FILE RUN_ID EXPECTED STARTED OUTCOME [ENDED]: $STATE_DIR/run.json, from which `status` shows the
# run's progress: the counters' growth since the baseline in $RUN_BASE, while the services recorded here still run.
write_run_file() {
  local pids="" service
  for service in "${SERVICES[@]}"; do
    [[ -s "$STATE_DIR/pids/$service.pid" ]] && pids+="${pids:+,}\"$service\":$(cat "$STATE_DIR/pids/$service.pid")"
  done
  printf '{"file":%s,"runId":%s,"expected":%d,"startedAt":%d,"endedAt":%s,"outcome":"%s","baseline":%s,"pids":{%s}}\n' \
    "$(json_string "$1")" "$(json_string "$2")" "$3" "$4" "${6:-null}" "$5" "$(json_string "$RUN_BASE")" "$pids" \
    >"$STATE_DIR/run.json.tmp"
  mv "$STATE_DIR/run.json.tmp" "$STATE_DIR/run.json"
}

cmd_logs() {
  [[ $# -eq 1 ]] || die "usage: synthsmith logs SERVICE|infrastructure"
  local file="$STATE_DIR/logs/$1.log"
  [[ -f "$file" ]] || die "no log for '$1'; the logs are: $(ls "$STATE_DIR/logs" 2>/dev/null | sed 's/\.log$//' | tr '\n' ' ')"
  tail -n 200 -f "$file"
}

# snapshot_metrics DIR: the /q/metrics text of every service (empty when it does not answer), one file each, the
# OpenMetrics exemplars (' # {span_id=...} 1.0 <time>') that traced services append cut off, so a sample's last
# field is its value.
snapshot_metrics() {
  mkdir -p "$1"
  for service in "${SERVICES[@]}"; do
    curl -sf "http://$(http_reach_host):${SERVICE_PORT[$service]}/q/metrics" 2>/dev/null \
      | grep -E '^synthsmith_((inbound_records|outbound_records|rejections|task_evolver_seeds|exporter_tasks|exporter_records|dedup_pre_solve_solver_calls_saved)_total|inbound_in_flight)[{ ]' \
      | sed 's/ # {.*$//' >"$1/$service" || true
  done
}

# metric DIR SERVICE NAME [FILTER...]: the sum of the samples of counter NAME whose labels contain every FILTER.
metric() {
  local dir=$1 service=$2 name=$3
  shift 3
  awk -v name="$name" -v filters="$(printf '%s\037' "$@")" '
    BEGIN { n = split(filters, f, "\037") }
    index($0, name "{") == 1 || index($0, name " ") == 1 { ok = 1; for (i = 1; i < n; i++) if (!index($0, f[i])) ok = 0; if (ok) s += $NF }
    END { printf "%d", s }' "$dir/$service" 2>/dev/null || echo 0
}

# delta SERVICE NAME [FILTER...]: how much a counter grew since the run's baseline.
delta() {
  echo $(( $(metric "$RUN_NOW" "$@") - $(metric "$RUN_BASE" "$@") ))
}

topic_label() {
  echo "topic=\"$TOPIC_PREFIX$1\""
}

# The main job: up, seed, wait (bounded) until every seed has ended (taken by the evolver and all work it made
# decided downstream: exported, rejected or dead-lettered), print a summary, and shut down unless --keep.
cmd_run() {
  local file="" keep=false fresh=false run_args=() up_args=() llm=""
  while [[ $# -gt 0 ]]; do
    case "$1" in
      --keep) keep=true ;;
      --fresh) fresh=true ;;
      --run) [[ $# -ge 2 ]] || die "--run needs an id"; run_args=(--run "$2"); shift ;;
      --llm) [[ $# -ge 2 ]] || die "--llm needs a mode: replay"; llm=$2; shift ;;
      --llm=*) llm=${1#--llm=} ;;
      -*) die "unknown option '$1'; usage: synthsmith run SEEDS.jsonl [--run ID] [--llm replay] [--fresh] [--keep]" ;;
      *) file=$1 ;;
    esac
    shift
  done
  [[ -n "$file" && -r "$file" ]] || die "usage: synthsmith run SEEDS.jsonl [--run ID] [--llm replay] [--fresh] [--keep]"
  if [[ -n "$llm" ]]; then
    llm_option "$llm"
    up_args=(--llm "$llm")
  elif [[ -z "${SYNTHSMITH_LLM_BASE_URL:-}" && ( -z "${SYNTHSMITH_TASK_EVOLVER_LLM_BASE_URL:-}" || -z "${SYNTHSMITH_SOLVER_LLM_BASE_URL:-}" ) ]]; then
    echo "synthsmith: no LLM endpoint: SYNTHSMITH_LLM_BASE_URL is not set, so the task-evolver and solver have no model to call." >&2
    echo "synthsmith: set SYNTHSMITH_LLM_BASE_URL and SYNTHSMITH_LLM_MODEL, or add --llm replay for scripted replies (not a model)." >&2
    exit 2
  fi
  $fresh && cmd_reset --yes
  local expected started
  expected=$(grep -c '[^[:space:]]' "$file")
  started=$(date +%s)
  RUN_BASE="$STATE_DIR/metrics/base" RUN_NOW="$STATE_DIR/metrics/now"
  rm -rf "$STATE_DIR/metrics"
  mkdir -p "$STATE_DIR"
  # From here `status` shows this run (starting), not the one before it.
  write_run_file "$file" "${run_args[1]:-}" "$expected" "$started" starting
  # A start-up that fails (die exits) leaves the run recorded as failed, not as starting for ever.
  trap 'write_run_file "$file" "${run_args[1]:-}" "$expected" "$started" failed "$(date +%s)"' EXIT
  cmd_up "${up_args[@]}"

  # No fixed limit: the run fails only when no counter of any stage moved for stall_for seconds (a slow machine
  # takes longer, a stuck pipeline is still caught); SYNTHSMITH_RUN_TIMEOUT_SECONDS adds an overall limit if set.
  local stall_for=${SYNTHSMITH_RUN_STALL_SECONDS:-300} timeout=${SYNTHSMITH_RUN_TIMEOUT_SECONDS:-0}
  local quiet_for=${SYNTHSMITH_RUN_QUIET_SECONDS:-20}
  snapshot_metrics "$RUN_BASE"
  write_run_file "$file" "${run_args[1]:-}" "$expected" "$started" running
  cmd_seed "$file" "${run_args[@]}"
  trap - EXIT
  echo "synthsmith: waiting until every seed has ended (exported, rejected or dead-lettered); the run fails if nothing moves for ${stall_for}s (SYNTHSMITH_RUN_STALL_SECONDS)"

  local start=$SECONDS last_change=$SECONDS signature="" previous="" taken=0 settled=false outcome=timeout
  local next_progress=$((SECONDS + 30)) progress_args=()
  [[ -t 1 ]] && progress_args=(--terminal)
  local requests_out requests_in tasks presolve_in to_solver solver_in solved verifier_in verified dedup_in accepted
  local exporter_in in_flight
  while :; do
    sleep 2
    snapshot_metrics "$RUN_NOW"
    signature=$(cat "$RUN_NOW"/* | md5sum)
    if [[ "$signature" != "$previous" ]]; then previous=$signature; last_change=$SECONDS; fi
    taken=$(delta task-evolver synthsmith_inbound_records_total "$(topic_label seeds)")
    requests_out=$(delta task-evolver synthsmith_outbound_records_total "$(topic_label generation.requests)")
    requests_in=$(delta task-evolver synthsmith_inbound_records_total "$(topic_label generation.requests)")
    tasks=$(delta task-evolver synthsmith_outbound_records_total "$(topic_label tasks)")
    presolve_in=$tasks
    to_solver=$tasks
    if $PRE_SOLVE; then
      presolve_in=$(delta dedup synthsmith_inbound_records_total "$(topic_label tasks)")
      to_solver=$(delta dedup synthsmith_outbound_records_total "$(topic_label tasks.unique)")
    fi
    solver_in=$(delta solver synthsmith_inbound_records_total "$(topic_label "${SERVICE_INPUT[solver]}")")
    solved=$(delta solver synthsmith_outbound_records_total "$(topic_label solved)")
    verifier_in=$(delta verifier synthsmith_inbound_records_total "$(topic_label solved)")
    verified=$(delta verifier synthsmith_outbound_records_total "$(topic_label verified)")
    dedup_in=$(delta dedup synthsmith_inbound_records_total "$(topic_label verified)")
    accepted=$(delta dedup synthsmith_outbound_records_total "$(topic_label accepted)")
    exporter_in=$(delta exporter synthsmith_inbound_records_total "$(topic_label accepted)")
    in_flight=0
    for service in "${SERVICES[@]}"; do
      in_flight=$(( in_flight + $(metric "$RUN_NOW" "$service" synthsmith_inbound_in_flight) ))
    done
    settled=false
    if (( taken >= expected && requests_in >= requests_out && presolve_in >= tasks && solver_in >= to_solver
          && verifier_in >= solved
          && dedup_in >= verified && exporter_in >= accepted )); then
      settled=true
    fi
    # Settled and nothing moved for a few seconds: done. No record in flight in any service and nothing moved for
    # quiet_for seconds after the evolver took every seed: the pipeline is quiet, though some work is unaccounted for.
    if $settled && (( in_flight == 0 && SECONDS - last_change >= 6 )); then outcome=settled; break; fi
    if (( taken >= expected && in_flight == 0 && SECONDS - last_change >= quiet_for )); then outcome=quiet; break; fi
    if (( SECONDS - last_change >= stall_for )); then outcome=stalled; break; fi
    if (( timeout > 0 && SECONDS - start >= timeout )); then outcome=timeout; break; fi
    if (( SECONDS >= next_progress )); then
      echo "synthsmith: ... $((SECONDS - start))s: $(pipeline_status --progress "${progress_args[@]}")"
      next_progress=$((SECONDS + 30))
    fi
  done
  write_run_file "$file" "${run_args[1]:-}" "$expected" "$started" "$outcome" "$(date +%s)"

  # The exporter closes a shard when its first row is SYNTHSMITH_EXPORTER_FILES_SHARD_MAX_AGE old (PT10S here):
  # wait (at most 60 s) until no shard is open, so that the files hold what was exported.
  local datasets="${SYNTHSMITH_EXPORTER_FILES_DIRECTORY:-$STATE_DIR/datasets}" waited=0
  if (( accepted > 0 )); then
    until [[ -z "$(find "$datasets" -name '.part-*.open.*' -print -quit 2>/dev/null)" ]] \
      && [[ -n "$(find "$datasets" -name 'part-*.parquet' -print -quit 2>/dev/null)" ]]; do
      (( waited++ > 60 )) && break
      sleep 1
    done
    snapshot_metrics "$RUN_NOW"
  fi
  run_summary "$expected" "$datasets" $(run_ids "$file" "${run_args[1]:-}")
  # The files as a training job would use them: each golden solution run again against its row's tests.
  local checked=ok run_id
  if (( accepted > 0 )); then
    echo "synthsmith: checking the dataset files: each golden solution runs again in a sandbox against its row's tests"
    for run_id in $(run_ids "$file" "${run_args[1]:-}"); do
      local status=0
      (cmd_e2e_run io.synthsmith.e2e.reconcile.DatasetCheck --datasets "$datasets" --run "$run_id") || status=$?
      (( status == 1 )) && checked=failed
      (( status > 2 )) && checked=failed
    done
  fi
  case "$outcome" in
    settled) echo "synthsmith: every seed is accounted for (exported, rejected or dead-lettered)" ;;
    quiet) echo "synthsmith: the pipeline went quiet for ${quiet_for}s with work unaccounted for (see the counts above and $STATE_DIR/logs)" >&2 ;;
    stalled) echo "synthsmith: nothing moved in any stage for ${stall_for}s (SYNTHSMITH_RUN_STALL_SECONDS) with seeds not ended; see $STATE_DIR/logs" >&2 ;;
    timeout) echo "synthsmith: not every seed had ended within ${timeout}s (SYNTHSMITH_RUN_TIMEOUT_SECONDS)" >&2 ;;
  esac
  echo "synthsmith: logs under $STATE_DIR/logs; dead letters on the ${TOPIC_PREFIX}<topic>.dlq topics"
  if ! $keep; then cmd_down; fi
  [[ $checked == ok ]] || echo "synthsmith: a golden solution failed its own tests when run again (see the check lines above)" >&2
  [[ $outcome == settled && $checked == ok ]]
}

# run_ids FILE [RUN]: the run ids the seeds of FILE belong to (RUN when given), one per line.
run_ids() {
  if [[ -n "${2:-}" ]]; then
    echo "$2"
  else
    sed -n 's/.*"runId"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p' "$1" | sort -u
  fi
}

# run_summary EXPECTED DATASETS RUN_ID...: what the run made, stage by stage, from the counters' growth since the
# baseline; then, per run, the cost per exported task (from the exporter) and where its card and report are.
run_summary() {
  local expected=$1 datasets=$2
  shift 2
  echo "synthsmith: summary"
  printf '  %-34s %6d of %d (merged %d, rejected %d, dead-lettered %d)\n' "seeds taken by the task-evolver" \
    "$(delta task-evolver synthsmith_inbound_records_total "$(topic_label seeds)")" "$expected" \
    "$(delta task-evolver synthsmith_task_evolver_seeds_total 'outcome="merged"')" \
    "$(delta task-evolver synthsmith_task_evolver_seeds_total 'outcome="rejected"')" \
    "$(delta task-evolver synthsmith_inbound_records_total "$(topic_label seeds)" 'outcome="dead_lettered"')"
  printf '  %-34s %6d\n' "tasks made (task-evolver)" "$(delta task-evolver synthsmith_outbound_records_total "$(topic_label tasks)")"
  if $PRE_SOLVE; then
    printf '  %-34s %6d (rejected before solving %d: %d candidates not requested)\n' "to the solver (dedup before solving)" \
      "$(delta dedup synthsmith_outbound_records_total "$(topic_label tasks.unique)")" \
      "$(( $(delta dedup synthsmith_inbound_records_total "$(topic_label tasks)" 'outcome="processed"') \
        - $(delta dedup synthsmith_outbound_records_total "$(topic_label tasks.unique)") ))" \
      "$(delta dedup synthsmith_dedup_pre_solve_solver_calls_saved_total)"
  fi
  printf '  %-34s %6d\n' "solved (solver)" "$(delta solver synthsmith_outbound_records_total "$(topic_label solved)")"
  printf '  %-34s %6d\n' "verified (verifier)" "$(delta verifier synthsmith_outbound_records_total "$(topic_label verified)")"
  printf '  %-34s %6d\n' "accepted (dedup)" "$(delta dedup synthsmith_outbound_records_total "$(topic_label accepted)")"
  printf '  %-34s %6d (records committed: export.sft %d, export.rl %d)\n' "exported (exporter)" \
    "$(delta exporter synthsmith_exporter_tasks_total 'outcome="committed"')" \
    "$(delta exporter synthsmith_exporter_records_total "$(topic_label export.sft)" 'outcome="committed"')" \
    "$(delta exporter synthsmith_exporter_records_total "$(topic_label export.rl)" 'outcome="committed"')"
  echo "  rejected, by stage and reason:"
  local lines
  lines=$(for service in "${SERVICES[@]}"; do
      { grep -h '^synthsmith_rejections_total{' "$RUN_NOW/$service" 2>/dev/null || true; } | while IFS= read -r sample; do
        local stage reason now base
        stage=$(sed -n 's/.*stage="\([^"]*\)".*/\1/p' <<<"$sample")
        reason=$(sed -n 's/.*reason="\([^"]*\)".*/\1/p' <<<"$sample")
        now=$(metric "$RUN_NOW" "$service" synthsmith_rejections_total "stage=\"$stage\"" "reason=\"$reason\"")
        base=$(metric "$RUN_BASE" "$service" synthsmith_rejections_total "stage=\"$stage\"" "reason=\"$reason\"")
        if (( now - base > 0 )); then printf '    %-14s %-22s %6d\n' "$stage" "$reason" $(( now - base )); fi
      done
    done | sort -u)
  echo "${lines:-    (none)}"
  echo "  dead-lettered, by service:"
  local any=false
  for service in "${SERVICES[@]}"; do
    local dead
    dead=$(delta "$service" synthsmith_inbound_records_total 'outcome="dead_lettered"')
    if (( dead > 0 )); then
      printf '    %-14s %6d (topic %s%s.dlq)\n' "$service" "$dead" "$TOPIC_PREFIX" "${SERVICE_INPUT[$service]}"
      any=true
    fi
  done
  $any || echo "    (none)"
  echo "  dataset files: $datasets"
  if [[ -d "$datasets" ]]; then
    (cd "$datasets" && find . -type f \( -name 'part-*' -o -name manifest.json \) | sort | sed 's|^\./|    |') || true
  fi
  local run_id
  for run_id in "$@"; do
    export_summary "$run_id" "$datasets"
  done
}

# diversity_summary RUN_ID: how diverse the run's tasks are, from the task-evolver (GET /runs: distinct feature
# combinations, leaf coverage of the tree, spread of feature use); nothing when the evolver made none for it.
diversity_summary() {
  local run_id=$1 body
  body=$(curl -sf -m 10 "http://localhost:${SERVICE_PORT[task-evolver]}/runs" 2>/dev/null) || return 0
  /usr/bin/python3 -c '
import json, sys
for run in json.loads(sys.argv[1]).get("runs", []):
    d = run.get("diversity")
    if run.get("runId") == sys.argv[2] and d:
        print("    %-32s %d tasks, %d distinct feature combinations, %d of %d tree leaves used (%.1f%%)" % (
            "diversity", d["tasks"], d["distinctCombinations"], d["featuresUsed"], d["treeLeaves"],
            100 * d["leafCoverage"]))
        print("    %-32s entropy %.2f bits, evenness %.2f, Gini %.2f" % ("feature use", d["entropyBits"],
            d["evenness"], d["gini"]))
' "$body" "$run_id" 2>/dev/null || true
}

# export_summary RUN_ID DATASETS: the exporter's account of a run (GET /runs/RUN_ID/export): tasks exported, tokens
# and sandbox CPU per exported task, and the paths of the dataset card and the run report.
export_summary() {
  local run_id=$1 datasets=$2 body
  body=$(curl -sf -m 10 "http://localhost:${SERVICE_PORT[exporter]}/runs/$run_id/export" 2>/dev/null) || body=""
  echo "  run $run_id:"
  if [[ -n "$body" ]]; then
    /usr/bin/python3 -c '
import json, sys
run = json.loads(sys.argv[1])
cost = run.get("cost") or {}
print("    %-32s %6d (RL rows; SFT rows %d)" % ("exported tasks", run["rlRows"], run["sftRows"]))
if cost.get("tasksWithCost"):
    n = cost["tasksWithCost"]
    print("    %-32s %9.0f (prompt %.0f, completion %.0f, reasoning %.0f), over %d tasks" % (
        "tokens per exported task", cost["tokensPerTask"], cost["promptTokens"] / n, cost["completionTokens"] / n,
        cost["reasoningTokens"] / n, n))
    print("    %-32s %9.2f s" % ("sandbox CPU per exported task", cost["sandboxCpuSecondsPerTask"]))
    print("    %-32s %9d tokens, %.1f s sandbox CPU" % ("run total", cost["promptTokens"] + cost["completionTokens"],
        cost["sandboxCpuSeconds"]))
else:
    print("    cost per exported task: not known (no exported record carries a cost)")
' "$body" || echo "    (the exporter's answer could not be read)"
  else
    echo "    the exporter has no files for this run (nothing exported, or it is not running)"
  fi
  diversity_summary "$run_id"
  [[ -f "$datasets/$run_id/README.md" ]] && echo "    dataset card: $datasets/$run_id/README.md"
  [[ -f "$datasets/$run_id/report.html" ]] && echo "    run report:   $datasets/$run_id/report.html (opens offline; also GET http://localhost:${SERVICE_PORT[exporter]}/runs/$run_id/report while the pipeline is up)"
  return 0
}
