#!/usr/bin/env bash
# Starts the whole platform on this machine, no Docker: embedded Kafka + MongoDB (deploy/local-infra),
# the five services, and a small demo data set posted through the public REST API.
# Ctrl-C or SIGTERM stops everything. Works detached too: nohup ./run.sh </dev/null >run.log 2>&1 &
#
#   ./run.sh            build if needed, start, load demo data
#   ./run.sh --no-demo  start empty
#   ./run.sh --clean    forget previous local data (.dev-data/) first
#   ./run.sh --build    rebuild even if a build exists
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$(pwd)

DEMO=1 CLEAN=0 BUILD=0
for arg in "$@"; do
  case "$arg" in
    --no-demo) DEMO=0 ;;
    --clean) CLEAN=1 ;;
    --build) BUILD=1 ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) echo "unknown option: $arg (try --help)" >&2; exit 2 ;;
  esac
done

DATA_DIR=${ETE_DATA_DIR:-$ROOT/.dev-data}
KAFKA_PORT=${KAFKA_PORT:-9092}
MONGO_PORT=${MONGO_PORT:-27017}
SERVICES=(referral-service:8081 training-service:8082 employment-service:8083 peer-mentor-service:8084 reoffending-analysis-service:8085)
JAVA_OPTS=${ETE_JAVA_OPTS:--Xms64m -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1}

say() { printf '[run] %s\n' "$*"; }
die() { printf '[run] ERROR: %s\n' "$*" >&2; exit 1; }

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

[ "$CLEAN" = 1 ] && { say "removing $DATA_DIR"; rm -rf "$DATA_DIR"; }
mkdir -p "$DATA_DIR/logs"
LOGS=$DATA_DIR/logs

for p in "$KAFKA_PORT" "$MONGO_PORT" 8081 8082 8083 8084 8085; do
  port_free "$p" || die "port $p is already in use (another ./run.sh still running?)"
done

# --- Build (only when something is missing, or asked) ---
needs_build=$BUILD
[ -f deploy/local-infra/target/launcher.classpath ] || needs_build=1
for s in "${SERVICES[@]}"; do [ -f "${s%%:*}/target/quarkus-app/quarkus-run.jar" ] || needs_build=1; done
if [ "$needs_build" = 1 ]; then
  say "building (first time: a few minutes; output in $LOGS/build.log)"
  ./mvnw -B -q install -DskipTests >"$LOGS/build.log" 2>&1 || { tail -30 "$LOGS/build.log"; die "build failed"; }
fi

# --- Stop everything on exit ---
PIDS=()
cleanup() {
  trap - EXIT INT TERM
  say "stopping"
  for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  # Closing the pipe that is the launcher's stdin makes it shut Kafka and MongoDB down cleanly.
  [ -n "${INFRA_FD:-}" ] && exec {INFRA_FD}>&-
  [ -n "${INFRA_PID:-}" ] && wait "$INFRA_PID" 2>/dev/null || true
  say "stopped"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- Infrastructure: Kafka (KRaft) + MongoDB wire-protocol server, data kept in $DATA_DIR/infra ---
say "starting Kafka on $KAFKA_PORT and MongoDB on $MONGO_PORT"
: >"$LOGS/infra.out"
exec {INFRA_FD}> >(exec java -Xmx512m -cp "deploy/local-infra/target/classes:$(cat deploy/local-infra/target/launcher.classpath)" \
  org.ete.localinfra.LocalInfra --kafka-port "$KAFKA_PORT" --mongo-port "$MONGO_PORT" --data-dir "$DATA_DIR/infra" \
  >"$LOGS/infra.out" 2>"$LOGS/infra.log")
INFRA_PID=$!
for _ in $(seq 1 120); do
  grep -q "LOCAL-INFRA READY" "$LOGS/infra.out" && break
  kill -0 "$INFRA_PID" 2>/dev/null || { tail -20 "$LOGS/infra.log"; die "infrastructure failed to start"; }
  sleep 0.5
done
grep -q "LOCAL-INFRA READY" "$LOGS/infra.out" || die "infrastructure not ready after 60 s (see $LOGS/infra.log)"

# --- Services ---
for s in "${SERVICES[@]}"; do
  name=${s%%:*} port=${s##*:}
  # shellcheck disable=SC2086
  KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:$KAFKA_PORT MONGODB_URI=mongodb://127.0.0.1:$MONGO_PORT HTTP_PORT=$port \
    java $JAVA_OPTS -jar "$name/target/quarkus-app/quarkus-run.jar" </dev/null >"$LOGS/$name.log" 2>&1 &
  PIDS+=($!)
done
say "starting the five services (logs in $LOGS)"
for s in "${SERVICES[@]}"; do
  name=${s%%:*} port=${s##*:}
  for _ in $(seq 1 180); do
    curl -fs "http://127.0.0.1:$port/q/health/ready" >/dev/null 2>&1 && break
    sleep 0.5
  done
  curl -fs "http://127.0.0.1:$port/q/health/ready" >/dev/null 2>&1 || { tail -20 "$LOGS/$name.log"; die "$name did not become ready"; }
done
say "all services ready after ${SECONDS}s"

# --- Demo data, through the same public API partners use (re-posting is harmless: duplicates are acknowledged) ---
if [ "$DEMO" = 1 ]; then
  post_batch() {
    curl -fsS -X POST -H 'Content-Type: application/cloudevents-batch+json' --data-binary "@$2" "$1/v1/events" \
      | grep -o '"accepted":[0-9]*,"duplicates":[0-9]*,"rejected":[0-9]*' || die "posting $2 failed"
  }
  say "demo referrals:  $(post_batch http://127.0.0.1:8081 deploy/demo/referral.json)"
  say "demo employment: $(post_batch http://127.0.0.1:8083 deploy/demo/employment.json)"
fi

cat <<EOF

  ETE reoffending platform is up.
    referral      http://localhost:8081  (Swagger UI: /q/swagger-ui)
    training      http://localhost:8082
    employment    http://localhost:8083
    peer-mentor   http://localhost:8084
    analysis      http://localhost:8085  e.g. curl 'http://localhost:8085/v1/ete/outputs?from=2019-04-01&to=2021-03-31'
    metrics       http://localhost:808[1-5]/q/metrics   health: /q/health
    Kafka 127.0.0.1:$KAFKA_PORT   MongoDB mongodb://127.0.0.1:$MONGO_PORT   data: $DATA_DIR
  Ctrl-C (or kill $$) stops everything.

EOF

# Wait until a service dies or we are told to stop.
while true; do
  for i in "${!PIDS[@]}"; do
    kill -0 "${PIDS[$i]}" 2>/dev/null || die "${SERVICES[$i]%%:*} exited; see $LOGS/${SERVICES[$i]%%:*}.log"
  done
  kill -0 "$INFRA_PID" 2>/dev/null || die "infrastructure exited; see $LOGS/infra.log"
  sleep 2 &
  wait $! || true
done
