#!/usr/bin/env bash
# Single-node Apache Kafka 4.x (KRaft) for tests and CI, run natively from
# Maven Central jars -- no Docker, no Kafka tarball.
#
#   bash infra/kafka/kafka.sh setup            resolve jars into infra/kafka/.lib (skipped if up to date)
#   bash infra/kafka/kafka.sh start            fresh format + start in background, wait until ready
#   bash infra/kafka/kafka.sh stop             SIGTERM, wait, SIGKILL after KAFKA_STOP_TIMEOUT
#   bash infra/kafka/kafka.sh status           exit 0 if running and reachable, 3 if not running, 1 if unhealthy
#   bash infra/kafka/kafka.sh run CLASS ARGS   run a Kafka tool class on the same classpath
#
# See README.md in this directory for env vars and examples.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

KAFKA_PORT="${KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
KAFKA_DATA_DIR="${KAFKA_DATA_DIR:-$HERE/.data}"
KAFKA_LIB_DIR="${KAFKA_LIB_DIR:-$HERE/.lib}"
# Make relative paths absolute so start/stop/status agree regardless of cwd.
[[ "$KAFKA_DATA_DIR" == /* ]] || KAFKA_DATA_DIR="$PWD/$KAFKA_DATA_DIR"
[[ "$KAFKA_LIB_DIR" == /* ]] || KAFKA_LIB_DIR="$PWD/$KAFKA_LIB_DIR"
KAFKA_HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xms256m -Xmx512m}"
KAFKA_JVM_PERFORMANCE_OPTS="${KAFKA_JVM_PERFORMANCE_OPTS:--server -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35 -XX:+ExplicitGCInvokesConcurrent -Djava.awt.headless=true}"
# Short-lived tool JVMs (format, readiness probe, `run`): small heap, fast startup.
KAFKA_TOOLS_JVM_OPTS="${KAFKA_TOOLS_JVM_OPTS:--Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Djava.awt.headless=true}"
KAFKA_START_TIMEOUT="${KAFKA_START_TIMEOUT:-90}"
KAFKA_STOP_TIMEOUT="${KAFKA_STOP_TIMEOUT:-30}"
KAFKA_KEEP_DATA="${KAFKA_KEEP_DATA:-0}"
JAVA="${JAVA:-java}"
MVN="${MVN:-mvn}"

BOOTSTRAP="127.0.0.1:${KAFKA_PORT}"
PID_FILE="$KAFKA_DATA_DIR/kafka.pid"
LOG_DIR="$KAFKA_DATA_DIR/logs"
SERVER_LOG="$LOG_DIR/server.log"
STDOUT_LOG="$LOG_DIR/kafka.out.log"
KRAFT_DIR="$KAFKA_DATA_DIR/kraft-logs"
RENDERED_PROPS="$KAFKA_DATA_DIR/server.properties"
PROBE_PROPS="$KAFKA_DATA_DIR/probe.properties"
STAMP="$KAFKA_LIB_DIR/.stamp"

log() { printf '[kafka.sh] %s\n' "$*" >&2; }
die() { printf '[kafka.sh] ERROR: %s\n' "$*" >&2; exit 1; }

# ---------------------------------------------------------------- helpers

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

check_java() {
  command -v "$JAVA" >/dev/null 2>&1 || die "java not found (need Java 17+; set JAVA=/path/to/java)"
  local v
  v="$("$JAVA" -XX:+IgnoreUnrecognizedVMOptions -version 2>&1 | awk -F'"' '/version/ {print $2; exit}')"
  local major="${v%%.*}"
  [[ "$major" =~ ^[0-9]+$ ]] || die "could not parse java version from: $v"
  (( major >= 17 )) || die "Kafka 4 needs Java 17+, found $v ($JAVA)"
}

pom_hash() {
  if command -v sha256sum >/dev/null 2>&1; then sha256sum "$HERE/pom.xml"; else shasum -a 256 "$HERE/pom.xml"; fi | cut -d' ' -f1
}

# True when .lib holds jars resolved from the current pom.xml.
lib_ready() {
  [[ -f "$STAMP" && "$(cat "$STAMP")" == "$(pom_hash)" ]] && compgen -G "$KAFKA_LIB_DIR/kafka_2.13-*.jar" >/dev/null
}

classpath() {
  [[ -f "$STAMP" ]] || die "jars not resolved; run: bash $HERE/kafka.sh setup"
  printf '%s/*' "$KAFKA_LIB_DIR"
}

# Run a Kafka main class in a short-lived JVM, logging WARN+ to stderr.
run_class() {
  local cls="$1"; shift
  # shellcheck disable=SC2086  # option strings are meant to word-split
  "$JAVA" $KAFKA_TOOLS_JVM_OPTS \
    -Dlog4j2.configurationFile="$HERE/log4j2-tools.properties" \
    -cp "$(classpath)" "$cls" "$@"
}

# PID of our broker if it is running, else empty. Guards against stale PID files
# and recycled PIDs by checking the command line.
running_pid() {
  [[ -f "$PID_FILE" ]] || return 0
  local pid
  pid="$(tr -dc '0-9' <"$PID_FILE")"
  [[ -n "$pid" ]] || return 0
  if kill -0 "$pid" 2>/dev/null && ps -o args= -p "$pid" 2>/dev/null | grep -q 'kafka\.Kafka'; then
    echo "$pid"
  fi
}

# Kafka cluster ids are 16 random bytes, base64url without padding (22 chars).
# Like Uuid.randomUuid(), avoid ids starting with '-' (they look like CLI flags).
random_cluster_id() {
  local id
  while :; do
    id="$(head -c16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')"
    [[ "$id" != -* ]] && break
  done
  echo "$id"
}

render_config() {
  mkdir -p "$KAFKA_DATA_DIR" "$LOG_DIR"
  local data_abs
  data_abs="$(cd "$KAFKA_DATA_DIR" && pwd -P)"
  sed -e "s|\${KAFKA_PORT}|${KAFKA_PORT}|g" \
      -e "s|\${KAFKA_CONTROLLER_PORT}|${KAFKA_CONTROLLER_PORT}|g" \
      -e "s|\${KAFKA_DATA_DIR}|${data_abs}|g" \
      "$HERE/server.properties" >"$RENDERED_PROPS"
  # Admin-client settings for the readiness probe: fail fast, retry from the shell loop.
  cat >"$PROBE_PROPS" <<EOF
request.timeout.ms=3000
default.api.timeout.ms=5000
socket.connection.setup.timeout.ms=1000
socket.connection.setup.timeout.max.ms=2000
EOF
}

print_log_tail() {
  local f
  for f in "$STDOUT_LOG" "$SERVER_LOG"; do
    if [[ -s "$f" ]]; then
      log "---- last 60 lines of $f ----"
      tail -n 60 "$f" >&2 || true
    fi
  done
}

# ---------------------------------------------------------------- commands

cmd_setup() {
  if lib_ready; then
    log "jars already resolved in $KAFKA_LIB_DIR (pom.xml unchanged); skipping"
    return 0
  fi
  check_java
  command -v "$MVN" >/dev/null 2>&1 || die "maven not found (needed once to resolve jars; set MVN=/path/to/mvn)"
  log "resolving Kafka jars from Maven Central into $KAFKA_LIB_DIR ..."
  rm -rf "$KAFKA_LIB_DIR"
  mkdir -p "$KAFKA_LIB_DIR"
  # shellcheck disable=SC2086  # MAVEN_EXTRA_ARGS is meant to word-split
  # (sed strips the stray ANSI resets Debian's maven 3.8 prints even with -B)
  if ! "$MVN" -B -q -ntp -Dstyle.color=never -f "$HERE/pom.xml" ${MAVEN_EXTRA_ARGS:-} \
        -Dlib.dir="$KAFKA_LIB_DIR" dependency:copy-dependencies 2>&1 \
        | sed -e 's/\x1b\[[0-9;]*m//g' -e '/^[[:space:]]*$/d' >&2; then
    rm -rf "$KAFKA_LIB_DIR"
    die "maven failed to resolve the Kafka jars (see output above)"
  fi
  compgen -G "$KAFKA_LIB_DIR/kafka_2.13-*.jar" >/dev/null || die "maven ran but no kafka_2.13 jar landed in $KAFKA_LIB_DIR"
  pom_hash >"$STAMP"
  log "resolved $(find "$KAFKA_LIB_DIR" -name '*.jar' | wc -l) jars ($(basename "$(compgen -G "$KAFKA_LIB_DIR/kafka_2.13-*.jar")"))"
}

cmd_start() {
  local pid
  pid="$(running_pid)"
  if [[ -n "$pid" ]]; then
    log "already running (pid $pid); not restarting. Use 'stop' first for a fresh broker."
    echo "$BOOTSTRAP"
    return 0
  fi
  check_java
  cmd_setup
  local p
  for p in "$KAFKA_PORT" "$KAFKA_CONTROLLER_PORT"; do
    port_open "$p" && die "port 127.0.0.1:$p is already in use by another process (set KAFKA_PORT / KAFKA_CONTROLLER_PORT, or stop it)"
  done

  # Fresh state every start unless asked otherwise. Only our own sub-paths are
  # removed, never KAFKA_DATA_DIR itself (it may be user-supplied).
  if [[ "$KAFKA_KEEP_DATA" != 1 ]]; then
    rm -rf "$KRAFT_DIR" "$LOG_DIR" "$PID_FILE" "$RENDERED_PROPS" "$PROBE_PROPS"
  fi
  render_config

  if [[ -f "$KRAFT_DIR/meta.properties" ]]; then
    log "KAFKA_KEEP_DATA=1 and storage already formatted; reusing $KRAFT_DIR"
  else
    local cluster_id
    cluster_id="$(random_cluster_id)"
    log "formatting $KRAFT_DIR (cluster id $cluster_id)"
    run_class kafka.tools.StorageTool format --standalone \
      --config "$RENDERED_PROPS" --cluster-id "$cluster_id" >"$LOG_DIR/format.log" 2>&1 \
      || { cat "$LOG_DIR/format.log" >&2; die "storage format failed"; }
  fi

  log "starting broker on $BOOTSTRAP (controller 127.0.0.1:$KAFKA_CONTROLLER_PORT), logs in $LOG_DIR"
  # setsid (when available) puts the broker in its own session so that Ctrl-C or a
  # process-group kill aimed at the caller does not take it down; it execs in place,
  # so $! is the java pid.
  local detach=()
  command -v setsid >/dev/null 2>&1 && detach=(setsid)
  # shellcheck disable=SC2086  # option strings are meant to word-split
  nohup "${detach[@]}" "$JAVA" $KAFKA_HEAP_OPTS $KAFKA_JVM_PERFORMANCE_OPTS ${KAFKA_OPTS:-} \
    -Dkafka.logs.dir="$LOG_DIR" \
    -Dlog4j2.configurationFile="$HERE/log4j2.properties" \
    -cp "$(classpath)" kafka.Kafka "$RENDERED_PROPS" \
    >"$STDOUT_LOG" 2>&1 </dev/null &
  pid=$!
  echo "$pid" >"$PID_FILE"

  local deadline=$((SECONDS + KAFKA_START_TIMEOUT))
  # 1) wait for the client port to accept connections
  until port_open "$KAFKA_PORT"; do
    if ! kill -0 "$pid" 2>/dev/null; then
      print_log_tail; rm -f "$PID_FILE"
      die "broker process exited during startup"
    fi
    if (( SECONDS >= deadline )); then
      print_log_tail; (cmd_stop) >/dev/null 2>&1 || true
      die "broker did not open port $KAFKA_PORT within ${KAFKA_START_TIMEOUT}s"
    fi
    sleep 0.5
  done
  # 2) wait until it answers a metadata request (list topics) through the admin client
  until run_class org.apache.kafka.tools.TopicCommand --bootstrap-server "$BOOTSTRAP" \
          --command-config "$PROBE_PROPS" --list >/dev/null 2>"$LOG_DIR/probe.log"; do
    if ! kill -0 "$pid" 2>/dev/null; then
      print_log_tail; rm -f "$PID_FILE"
      die "broker process exited during startup"
    fi
    if (( SECONDS >= deadline )); then
      cat "$LOG_DIR/probe.log" >&2 || true
      print_log_tail; (cmd_stop) >/dev/null 2>&1 || true
      die "broker did not answer metadata requests within ${KAFKA_START_TIMEOUT}s"
    fi
    sleep 1
  done
  log "ready (pid $pid) after ${SECONDS}s; bootstrap servers:"
  echo "$BOOTSTRAP"
}

cmd_stop() {
  local pid
  pid="$(running_pid)"
  if [[ -z "$pid" ]]; then
    rm -f "$PID_FILE"
    log "not running"
    return 0
  fi
  log "stopping broker (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  local deadline=$((SECONDS + KAFKA_STOP_TIMEOUT))
  while kill -0 "$pid" 2>/dev/null; do
    if (( SECONDS >= deadline )); then
      log "still alive after ${KAFKA_STOP_TIMEOUT}s; sending SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
      break
    fi
    sleep 0.5
  done
  # wait for the kernel to reap it (it was started by an earlier shell, so no `wait`)
  local i
  for i in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
  kill -0 "$pid" 2>/dev/null && die "pid $pid is still alive"
  rm -f "$PID_FILE"
  log "stopped"
}

cmd_status() {
  local pid
  pid="$(running_pid)"
  if [[ -z "$pid" ]]; then
    echo "stopped"
    return 3
  fi
  if port_open "$KAFKA_PORT"; then
    echo "running (pid $pid) on $BOOTSTRAP; logs: $LOG_DIR"
  else
    echo "process $pid is alive but port $KAFKA_PORT is not accepting connections; logs: $LOG_DIR"
    return 1
  fi
}

cmd_run() {
  [[ $# -ge 1 ]] || die "usage: kafka.sh run MAIN_CLASS [ARGS...]  (e.g. org.apache.kafka.tools.TopicCommand --bootstrap-server $BOOTSTRAP --list)"
  lib_ready || cmd_setup
  run_class "$@"
}

usage() {
  cat <<EOF
usage: bash $0 {setup|start|stop|status|run MAIN_CLASS [ARGS...]}

  setup   resolve Kafka jars from Maven Central into $KAFKA_LIB_DIR (no-op if up to date)
  start   setup if needed, format a fresh KRaft store, start the broker, wait until ready,
          print the bootstrap address ($BOOTSTRAP)
  stop    stop the broker (SIGTERM, SIGKILL after \$KAFKA_STOP_TIMEOUT=${KAFKA_STOP_TIMEOUT}s)
  status  print state; exit 0 running, 3 stopped, 1 unhealthy
  run     run a Kafka tool class on the broker classpath, e.g.
            run org.apache.kafka.tools.TopicCommand --bootstrap-server $BOOTSTRAP --list

env: KAFKA_PORT ($KAFKA_PORT) KAFKA_CONTROLLER_PORT ($KAFKA_CONTROLLER_PORT)
     KAFKA_DATA_DIR ($KAFKA_DATA_DIR) KAFKA_HEAP_OPTS ($KAFKA_HEAP_OPTS)
     KAFKA_KEEP_DATA ($KAFKA_KEEP_DATA) KAFKA_START_TIMEOUT ($KAFKA_START_TIMEOUT)
EOF
}

main() {
  local cmd="${1:-}"
  [[ $# -gt 0 ]] && shift
  case "$cmd" in
    setup)  cmd_setup ;;
    start)  cmd_start ;;
    stop)   cmd_stop ;;
    status) cmd_status ;;
    run)    cmd_run "$@" ;;
    -h|--help|help) usage ;;
    *) usage >&2; exit 2 ;;
  esac
}

main "$@"
