# shellcheck shell=bash
# The local pipeline for bin/synthsmith: real Kafka (KRaft) and Infinispan from libs/embedded, and the five
# services as separate JVMs, all on this machine without Docker. State lives under .synthsmith/ (git-ignored).

STATE_DIR="${SYNTHSMITH_STATE_DIR:-$SYNTHSMITH_HOME/.synthsmith}"
SERVICES=(task-evolver solver verifier dedup exporter)
declare -A SERVICE_PORT=([task-evolver]=8081 [solver]=8082 [verifier]=8083 [dedup]=8084 [exporter]=8085)
declare -A SERVICE_INPUT=([task-evolver]=seeds [solver]=tasks [verifier]=solved [dedup]=verified [exporter]=accepted)
KAFKA_PORT="${SYNTHSMITH_KAFKA_PORT:-9092}"
INFINISPAN_PORT="${SYNTHSMITH_INFINISPAN_PORT:-11222}"
TOPIC_PREFIX="${SYNTHSMITH_TOPICS_PREFIX:-synthsmith.}"

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
  (cd "$SYNTHSMITH_HOME" && ./mvnw -q -B install -DskipTests) >&2 \
    || die "the build failed; run: cd $SYNTHSMITH_HOME && ./mvnw install -DskipTests"
  touch "$stamp"
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
  nohup "$JAVA" -Xmx256m -cp "$SYNTHSMITH_HOME/libs/embedded/target/classes:$(cat "$SYNTHSMITH_HOME/libs/embedded/target/runtime.classpath")" \
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
  KAFKA_BOOTSTRAP_SERVERS="$(infra_field kafka)" \
  QUARKUS_INFINISPAN_CLIENT_HOSTS="$(infra_field infinispan)" \
  SYNTHSMITH_TOPICS_PREFIX="$TOPIC_PREFIX" \
  QUARKUS_HTTP_PORT="$port" \
    nohup "$JAVA" -Xmx512m -jar "$SYNTHSMITH_HOME/$service/target/quarkus-app/quarkus-run.jar" \
    >"$STATE_DIR/logs/$service.log" 2>&1 </dev/null &
  echo $! >"$pidfile"
}

await_ready() {
  local service=$1 port=${SERVICE_PORT[$1]} waited=0
  until curl -sf "http://localhost:$port/q/health/ready" >/dev/null 2>&1; do
    pid_alive "$STATE_DIR/pids/$service.pid" || die "$service exited while starting; see $STATE_DIR/logs/$service.log"
    (( waited++ > 240 )) && die "$service was not ready within 2 minutes; see $STATE_DIR/logs/$service.log"
    sleep 0.5
  done
  echo "synthsmith: $service ready on http://localhost:$port"
}

cmd_up() {
  find_java
  ensure_pipeline_built
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
    if (( waited++ > 60 )); then
      echo "synthsmith: $name did not stop within 30 s; killing it" >&2
      kill -KILL "$(cat "$pidfile")" 2>/dev/null || true
    fi
    sleep 0.5
  done
  rm -f "$pidfile"
  echo "synthsmith: stopped $name"
}

cmd_down() {
  for service in "${SERVICES[@]}"; do stop_pid "$service"; done
  stop_pid infrastructure
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

# metric_sum SERVICE FILTER: the sum of synthsmith_inbound_records_total samples whose labels match FILTER.
metric_sum() {
  curl -sf "http://localhost:${SERVICE_PORT[$1]}/q/metrics" 2>/dev/null \
    | awk -v f="$2" '/^synthsmith_inbound_records_total\{/ && index($0, f) { s += $NF } END { printf "%d", s }'
}

cmd_status() {
  local json=false
  [[ "${1:-}" == "--json" ]] && json=true
  local lines=()
  for service in "${SERVICES[@]}"; do
    local state=down processed=0 dead=0
    if curl -sf "http://localhost:${SERVICE_PORT[$service]}/q/health/ready" >/dev/null 2>&1; then state=ready
    elif pid_alive "$STATE_DIR/pids/$service.pid"; then state=starting; fi
    if [[ $state == ready ]]; then
      processed=$(metric_sum "$service" 'outcome="processed"')
      dead=$(metric_sum "$service" 'outcome="dead_lettered"')
    fi
    if $json; then
      lines+=("{\"service\":\"$service\",\"state\":\"$state\",\"input\":\"${SERVICE_INPUT[$service]}\",\"processed\":$processed,\"deadLettered\":$dead}")
    else
      printf '%-13s %-9s input %-9s processed %6d   dead-lettered %6d\n' "$service" "$state" "${SERVICE_INPUT[$service]}" "$processed" "$dead"
    fi
  done
  if $json; then (IFS=,; echo "[${lines[*]}]"); fi
}

cmd_logs() {
  [[ $# -eq 1 ]] || die "usage: synthsmith logs SERVICE|infrastructure"
  local file="$STATE_DIR/logs/$1.log"
  [[ -f "$file" ]] || die "no log for '$1'; the logs are: $(ls "$STATE_DIR/logs" 2>/dev/null | sed 's/\.log$//' | tr '\n' ' ')"
  tail -n 200 -f "$file"
}

# The main job, for as much of the pipeline as exists: up, seed, wait until the evolver has taken every seed
# (processed or dead-lettered), print the per-stage counts, and shut down unless --keep.
cmd_run() {
  local file="" keep=false run_args=()
  while [[ $# -gt 0 ]]; do
    case "$1" in
      --keep) keep=true ;;
      --run) run_args=(--run "$2"); shift ;;
      *) file=$1 ;;
    esac
    shift
  done
  [[ -n "$file" && -r "$file" ]] || die "usage: synthsmith run SEEDS.jsonl [--run ID] [--keep]"
  cmd_up
  local before expected taken waited=0
  before=$(( $(metric_sum task-evolver 'outcome="processed"') + $(metric_sum task-evolver 'outcome="dead_lettered"') ))
  expected=$(grep -c '[^[:space:]]' "$file")
  cmd_seed "$file" "${run_args[@]}"
  while :; do
    taken=$(( $(metric_sum task-evolver 'outcome="processed"') + $(metric_sum task-evolver 'outcome="dead_lettered"') - before ))
    (( taken >= expected )) && break
    (( waited++ > 600 )) && { echo "synthsmith: only $taken of $expected seeds were taken within 5 minutes" >&2; break; }
    sleep 0.5
  done
  echo "synthsmith: $taken of $expected seeds taken by the task-evolver"
  cmd_status
  echo "synthsmith: logs under $STATE_DIR/logs; dead letters on the ${TOPIC_PREFIX}<topic>.dlq topics"
  if ! $keep; then cmd_down; fi
  (( taken >= expected ))
}
