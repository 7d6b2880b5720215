# shellcheck shell=bash
# Kafka 3.9 in KRaft mode, run straight from the Maven Central jars: Maven
# resolves the classpath into ~/.m2 once, then java kafka.Kafka runs from it.

KAFKA_POM_DIR="$REPO_ROOT/scripts/infra/kafka"
KAFKA_CONF_DIR="$REPO_ROOT/infrastructure/kafka"
KAFKA_CLASSPATH_FILE="$INFRA_DIR/kafka.classpath"
KAFKA_CLASSES="$INFRA_DIR/kafka/classes"
KAFKA_DATA="$DATA_DIR/kafka"
KAFKA_CLUSTER_ID_FILE="$DATA_DIR/kafka.cluster-id"
KAFKA_PIDFILE="$RUN_DIR/kafka.pid"
KAFKA_LOG="$LOG_DIR/kafka.log"

kafka_alive() { pid_alive "$KAFKA_PIDFILE" kafka.Kafka; }
kafka_port_open() { port_open "$KAFKA_PORT"; }

# The cached classpath is reused only while it is newer than the pom and
# every jar in it still exists (a cleaned ~/.m2 forces a new resolve).
kafka_classpath_valid() {
  [ -s "$KAFKA_CLASSPATH_FILE" ] && [ "$KAFKA_CLASSPATH_FILE" -nt "$KAFKA_POM_DIR/pom.xml" ] || return 1
  local jar
  while IFS= read -r -d ':' jar; do
    [ -f "$jar" ] || return 1
  done < <(tr -d '\n' <"$KAFKA_CLASSPATH_FILE"; printf ':')
}

kafka_install() {
  ensure_java_maven kafka
  ensure_dirs
  if ! kafka_classpath_valid; then
    say kafka "resolving jars with Maven (first time downloads ~70 MB into ~/.m2) ..."
    mvn_run kafka "$KAFKA_POM_DIR" "$LOG_DIR/kafka-maven.log" \
      dependency:build-classpath -Dmdep.outputFile="$KAFKA_CLASSPATH_FILE"
    kafka_classpath_valid || fail kafka "Maven produced no usable classpath" "$LOG_DIR/kafka-maven.log"
  fi
  if [ ! -f "$KAFKA_CLASSES/KafkaReady.class" ] || [ "$KAFKA_POM_DIR/KafkaReady.java" -nt "$KAFKA_CLASSES/KafkaReady.class" ]; then
    say kafka "compiling the readiness probe ..."
    mkdir -p "$KAFKA_CLASSES"
    javac -nowarn -cp "$(cat "$KAFKA_CLASSPATH_FILE")" -d "$KAFKA_CLASSES" "$KAFKA_POM_DIR/KafkaReady.java" \
      >"$LOG_DIR/kafka-javac.log" 2>&1 || fail kafka "javac KafkaReady.java failed" "$LOG_DIR/kafka-javac.log"
  fi
}

# A short-lived JVM on the Kafka classpath (storage tool, probe).
kafka_tool() {
  java -Xmx128m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \
    -Dlog4j.configuration="file:$KAFKA_CONF_DIR/tools-log4j.properties" \
    -cp "$(cat "$KAFKA_CLASSPATH_FILE"):$KAFKA_CLASSES" "$@"
}

# KRaft log dirs must be formatted with a cluster id once; the id is kept in
# .infra/data so a re-format after a partial wipe keeps the same cluster.
kafka_format() {
  [ -f "$KAFKA_DATA/meta.properties" ] && return 0
  mkdir -p "$KAFKA_DATA"
  if [ ! -s "$KAFKA_CLUSTER_ID_FILE" ]; then
    kafka_tool kafka.tools.StorageTool random-uuid >"$KAFKA_CLUSTER_ID_FILE" 2>>"$KAFKA_LOG" ||
      fail kafka "could not generate a cluster id" "$KAFKA_LOG"
  fi
  # The storage tool has no --override, so it gets a copy of the committed
  # config with our log.dirs appended (the last occurrence wins).
  local conf="$RUN_DIR/kafka-format.properties"
  { cat "$KAFKA_CONF_DIR/server.properties"; printf '\nlog.dirs=%s\n' "$KAFKA_DATA"; } >"$conf"
  say kafka "formatting storage (cluster id $(cat "$KAFKA_CLUSTER_ID_FILE")) ..."
  kafka_tool kafka.tools.StorageTool format -t "$(cat "$KAFKA_CLUSTER_ID_FILE")" -c "$conf" --ignore-formatted \
    >>"$KAFKA_LOG" 2>&1 || fail kafka "storage format failed" "$KAFKA_LOG"
}

kafka_start() {
  if kafka_alive; then
    say kafka "already running (pid $(cat "$KAFKA_PIDFILE"))"
    return 0
  fi
  if kafka_port_open; then
    # Not ours (another checkout, a hand-started broker): the metadata check
    # below decides whether it is usable; down leaves it alone.
    say kafka "something not started by this script listens on :$KAFKA_PORT, checking it as a broker"
    return 0
  fi
  kafka_format
  say kafka "starting broker+controller (kafka.Kafka, -Xmx512m) ..."
  # setsid: the broker must outlive this shell and its process group.
  # The inner bash writes its own pid, which exec hands over to java.
  # shellcheck disable=SC2016 # $$ and $0 belong to the inner bash
  setsid nohup bash -c 'echo $$ >"$0"; exec "$@"' "$KAFKA_PIDFILE" \
    java -Xms256m -Xmx512m -XX:+UseG1GC -XX:MaxGCPauseMillis=20 \
    -XX:InitiatingHeapOccupancyPercent=35 -XX:+ExplicitGCInvokesConcurrent \
    -Djava.awt.headless=true \
    -Dlog4j.configuration="file:$KAFKA_CONF_DIR/log4j.properties" \
    -Dkafka.logs.dir="$LOG_DIR" \
    -cp "$(cat "$KAFKA_CLASSPATH_FILE")" \
    kafka.Kafka "$KAFKA_CONF_DIR/server.properties" --override "log.dirs=$KAFKA_DATA" \
    >>"$KAFKA_LOG" 2>&1 </dev/null 9>&- &
  # Give the pid file a moment to appear before anyone checks it.
  local _
  for _ in 1 2 3 4 5 6 7 8 9 10; do
    [ -s "$KAFKA_PIDFILE" ] && break
    sleep 0.2
  done
}

kafka_wait() {
  wait_for kafka ":$KAFKA_PORT" 120 kafka_port_open kafka_alive ||
    fail kafka "broker is not listening on :$KAFKA_PORT" "$KAFKA_LOG"
  say_n kafka "metadata request (AdminClient) ..."
  local out
  if out="$(kafka_tool KafkaReady "$HOST:$KAFKA_PORT" 60 2>"$LOG_DIR/kafka-probe.log")"; then
    printf ' ok: %s\n' "$out"
  else
    printf ' failed\n'
    fail kafka "broker did not answer metadata requests" "$LOG_DIR/kafka-probe.log" "$KAFKA_LOG"
  fi
}

kafka_stop() { stop_pidfile kafka "$KAFKA_PIDFILE" kafka.Kafka 60; }

kafka_wipe() { rm -rf "$KAFKA_DATA" "$KAFKA_CLUSTER_ID_FILE"; }

kafka_status() {
  if kafka_port_open; then
    if kafka_alive; then printf 'up|pid %s' "$(cat "$KAFKA_PIDFILE")"; else printf 'up|not started by infra.sh'; fi
  else
    printf 'down|'
  fi
}
