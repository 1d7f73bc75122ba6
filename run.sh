#!/usr/bin/env bash
# Starts the whole platform on this machine, no Docker: embedded Kafka + MongoDB (deploy/local-infra),
# the five services, and the demo data: the simulator's replica of the seeds (122,725 events, 23,460 people),
# posted through the services' public batch API and projected before the URLs are printed (2-4 minutes on two cores).
# Ctrl-C or SIGTERM stops everything. Works detached too: nohup ./run.sh </dev/null >run.log 2>&1 &
#
#   ./run.sh            build if needed, start, load the demo data (once: kept in .dev-data/ across restarts)
#   ./run.sh --empty    start with no demo data (--no-demo does the same)
#   ./run.sh --live[=R] also keep a live feed of new people flowing, R events/s (default 5), with the
#                       repeats, late deliveries and invalid events partners send
#   ./run.sh --clean    forget previous local data (.dev-data/) first
#   ./run.sh --build    rebuild even if a build exists
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$(pwd)

DEMO=1 CLEAN=0 BUILD=0 LIVE=0 LIVE_RATE=5
for arg in "$@"; do
  case "$arg" in
    --empty|--no-demo) DEMO=0 ;;
    --live) LIVE=1 ;;
    --live=*) LIVE=1 LIVE_RATE=${arg#--live=}
      [[ "$LIVE_RATE" =~ ^[0-9]+([.][0-9]+)?$ ]] || { echo "--live=R needs a number of events per second" >&2; exit 2; } ;;
    --clean) CLEAN=1 ;;
    --build) BUILD=1 ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "unknown option: $arg (try --help)" >&2; exit 2 ;;
  esac
done

DATA_DIR=${ETE_DATA_DIR:-$ROOT/.dev-data}
KAFKA_PORT=${KAFKA_PORT:-9092}
MONGO_PORT=${MONGO_PORT:-27017}
SERVICES=(referral-service:8081 training-service:8082 employment-service:8083 peer-mentor-service:8084 reoffending-analysis-service:8085)
JAVA_OPTS=${ETE_JAVA_OPTS:--Xms64m -Xmx256m -XX:+UseSerialGC}

say() { printf '[run] %s\n' "$*"; }
die() { printf '[run] ERROR: %s\n' "$*" >&2; exit 1; }

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

[ "$CLEAN" = 1 ] && { say "removing $DATA_DIR"; rm -rf "$DATA_DIR"; }
mkdir -p "$DATA_DIR/logs"
LOGS=$DATA_DIR/logs

for p in "$KAFKA_PORT" "$MONGO_PORT" 8081 8082 8083 8084 8085; do
  port_free "$p" || die "port $p is already in use (another ./run.sh still running?)"
done

# --- Secrets of the local run, made on first start and kept in $DATA_DIR (never committed) ---
# The pseudonymisation key: the production profile has none, so every producing service needs it given. Data
# stored before keys were generated (an older .dev-data) was pseudonymised with the old development key: keep it.
KEY_FILE=$DATA_DIR/pseudonymisation.key
if [ ! -s "$KEY_FILE" ]; then
  if [ -d "$DATA_DIR/infra" ]; then
    printf '%s' "local-development-key-do-not-use-in-production" >"$KEY_FILE"
  else
    (umask 077; head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$KEY_FILE")
  fi
  chmod 600 "$KEY_FILE"
fi
ETE_PSEUDONYMISATION_KEY=$(cat "$KEY_FILE")
export ETE_PSEUDONYMISATION_KEY
# The analysis service's record-key secret (cell-key perturbation of published counts, ADR 0010): none in production.
RECORD_KEY_FILE=$DATA_DIR/perturbation.key
if [ ! -s "$RECORD_KEY_FILE" ]; then
  (umask 077; head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$RECORD_KEY_FILE")
  chmod 600 "$RECORD_KEY_FILE"
fi
ETE_DISCLOSURE_PERTURBATION_KEY=$(cat "$RECORD_KEY_FILE")
export ETE_DISCLOSURE_PERTURBATION_KEY

# --- Build (only when something is missing, or asked) ---
needs_build=$BUILD
[ -f deploy/local-infra/target/launcher.classpath ] || needs_build=1
[ -f tools/simulator/target/simulator.classpath ] || needs_build=1
[ -f platform/tokens/target/tokens.classpath ] || needs_build=1
for s in "${SERVICES[@]}"; do [ -f "${s%%:*}/target/quarkus-app/quarkus-run.jar" ] || needs_build=1; done
if [ "$needs_build" = 1 ]; then
  say "building (first time: a few minutes; output in $LOGS/build.log)"
  ./mvnw -B -q install -DskipTests >"$LOGS/build.log" 2>&1 || { tail -30 "$LOGS/build.log"; die "build failed"; }
fi

# --- Tokens: the local issuer's RS256 key pair, made on first start in $DATA_DIR/jwt (never committed) ---
# Every service verifies bearer tokens against its public half; tools/mint-token signs with the private half.
export ETE_JWT_KEYS=$DATA_DIR/jwt
mint() { tools/mint-token "$@" 2>/dev/null | tail -1; }
# The loader posts under every partner's source (a local partner token without --source); long enough for --live.
PARTNER_TOKEN=$(mint partner --subject local-demo-loader --hours 720) || die "tools/mint-token failed"
ANALYST_TOKEN=$(mint analyst --subject local-run) && OPS_TOKEN=$(mint ops --subject local-run) || die "tools/mint-token failed"
[ -s "$ETE_JWT_KEYS/public.pem" ] || die "no public key in $ETE_JWT_KEYS"
export MP_JWT_VERIFY_PUBLICKEY_LOCATION=$ETE_JWT_KEYS/public.pem

# --- Stop everything on exit ---
PIDS=()
cleanup() {
  trap - EXIT INT TERM
  say "stopping"
  [ -n "${LIVE_PID:-}" ] && kill -TERM "$LIVE_PID" 2>/dev/null || true
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
exec {INFRA_FD}> >(exec java -Xmx1g -cp "deploy/local-infra/target/classes:$(cat deploy/local-infra/target/launcher.classpath)" \
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
  # The analysis service hands the dashboard page a local analyst token (a flag production leaves off).
  local_token=false
  [ "$name" = reoffending-analysis-service ] && local_token=true
  # shellcheck disable=SC2086
  KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:$KAFKA_PORT MONGODB_URI=mongodb://127.0.0.1:$MONGO_PORT HTTP_PORT=$port \
    ETE_DASHBOARD_LOCAL_TOKEN_ENABLED=$local_token ETE_DASHBOARD_LOCAL_TOKEN_PRIVATE_KEY_LOCATION=$ETE_JWT_KEYS/private.pem \
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

# --- Demo data: the simulator's replica of the seeds, through the same public batch API partners use ---
SIM=tools/simulator/simulate
DEMO_DIR=$DATA_DIR/demo
DEMO_MARK=$DATA_DIR/demo-loaded
ANALYSIS=http://127.0.0.1:8085
json_number() { grep -o "\"$1\":[-0-9.eE]*" | head -1 | cut -d: -f2 || true; } # no match: empty, not an exit
percent() { awk -v v="$1" 'BEGIN { if (v == "") print "?"; else printf "%.1f%%", 100 * v }'; }

wait_for_projection() { # $1: records this analysis process must have handled (what the load stored); progress on stderr
  local want=$1 handled=0 lag="" started=$SECONDS status
  while :; do
    status=$(curl -fs -H "Authorization: Bearer $OPS_TOKEN" "$ANALYSIS/v1/admin/projections" || true)
    handled=$(printf '%s' "$status" | json_number recordsHandled); handled=${handled%.*}; handled=${handled:-0}
    lag=$(printf '%s' "$status" | json_number lag)
    [ "$lag" = "0" ] && [ "$handled" -ge "$want" ] && break
    [ $((SECONDS - started)) -gt 1800 ] && { echo >&2; say "WARNING: projection still behind after 30 min"; return 0; }
    if [ -t 2 ]; then printf '\r[run] projecting: %s of %s events applied, lag %s   ' "$handled" "$want" "${lag:-?}" >&2
    elif [ $(((SECONDS - started) % 10)) -eq 0 ]; then say "projecting: $handled of $want events applied, lag ${lag:-?}"; fi
    sleep 1
  done
  [ -t 2 ] && printf '\r[run] projecting: all %s events applied%*s\n' "$want" 20 "" >&2
  return 0
}

if [ "$DEMO" = 1 ] && [ -f "$DEMO_MARK" ]; then
  say "demo data already loaded ($(cat "$DEMO_MARK")); ./run.sh --clean starts over"
elif [ "$DEMO" = 1 ]; then
  if [ ! -s "$DEMO_DIR/referral.ndjson" ]; then
    say "generating the demo data (tools/simulator, seed 2021: the seeds' replica)"
    "$SIM" --out "$DEMO_DIR" >"$LOGS/simulator.log" 2>&1 || { tail -20 "$LOGS/simulator.log"; die "generating demo data failed"; }
  fi
  total=$(cat "$DEMO_DIR"/*.ndjson | grep -c .)
  say "loading $total demo events through the batch endpoints of the four services (2-4 minutes on two cores)"
  load_started=$SECONDS
  ETE_TOKEN=$PARTNER_TOKEN "$SIM" --input "$DEMO_DIR" --post local >"$LOGS/demo-load.log" || { tail -20 "$LOGS/demo-load.log"; die "loading demo data failed"; }
  grep -E 'posted|referral |training |employment |peer-mentor ' "$LOGS/demo-load.log" | sed 's/^/[run]   /' || true
  # Only what this load stored is published now (a load interrupted earlier and run again answers the rest as
  # duplicates): the "accepted" column of the simulator's summary.
  accepted=$(awk '$1 ~ /^(referral|training|employment|peer-mentor)$/ { gsub(",", "", $3); n += $3 } END { print n + 0 }' "$LOGS/demo-load.log")
  wait_for_projection "$accepted"
  echo "$total events, seed 2021, loaded $(date -u +%Y-%m-%dT%H:%MZ) in $((SECONDS - load_started))s" >"$DEMO_MARK"
  say "demo data loaded and projected in $((SECONDS - load_started))s"
fi

# --- Headline figures, read back from the analysis API (the seeds' tables: DOMAIN.md) ---
if [ "$DEMO" = 1 ]; then
  outputs=$(curl -fs -H "Authorization: Bearer $ANALYST_TOKEN" "$ANALYSIS/v1/ete/outputs?from=2018-04-01&to=2021-03-31" || true)
  say "ETE outputs Apr 2018 - Mar 2021: took up $(printf '%s' "$outputs" | json_number tookUp), found work $(percent "$(printf '%s' "$outputs" | json_number foundWorkRate)") (seed 23.4%), sustained 13 weeks $(percent "$(printf '%s' "$outputs" | json_number sustainedRate)") of those (seed 62.8%)"
  for cohort in ete:27.1:35.6 found-work:20.0:30.4 sustained-work:17.7:28.6; do
    IFS=: read -r name seed_actual seed_predicted <<<"$cohort"
    r=$(curl -fs -H "Authorization: Bearer $ANALYST_TOKEN" "$ANALYSIS/v1/reoffending?cohort=$name&from=2018-04-01&to=2021-03-31&asOf=2022-10-01" || true)
    say "one-year reoffending, $name: $(printf '%s' "$r" | json_number matured) people, actual $(percent "$(printf '%s' "$r" | json_number actualRate)") vs predicted $(percent "$(printf '%s' "$r" | json_number predictedRate)") (seed $seed_actual% vs $seed_predicted%)"
  done
  flagged=$(curl -fs -H "Authorization: Bearer $ANALYST_TOKEN" "$ANALYSIS/v1/reoffending/alerts?by=team&from=2018-04-01&to=2021-03-31&asOf=2022-10-01" \
    | grep -o '"group":"[^"]*"[^}]*"status":"\(alert\|alarm\)"' | sed 's/"group":"\([^"]*\)".*"status":"\([a-z]*\)"/\1 (\2)/' | paste -sd, - || true)
  say "teams flagged by the funnel plot: ${flagged:-none}"
fi

# --- Live feed: new people (a second block of the simulator), sent one event at a time ---
if [ "$LIVE" = 1 ]; then
  LIVE_DIR=$DATA_DIR/live
  if [ ! -s "$LIVE_DIR/referral.ndjson" ]; then
    "$SIM" --people 27846 --out "$LIVE_DIR" >"$LOGS/simulator-live.log" 2>&1 || { tail -20 "$LOGS/simulator-live.log"; die "generating the live feed failed"; }
  fi
  # --position-file: a later --live resumes where this one stopped instead of re-sending it all as duplicates.
  ETE_TOKEN=$PARTNER_TOKEN "$SIM" --input "$LIVE_DIR" --skip-known "$DEMO_DIR" --post local --rate "$LIVE_RATE" --position-file "$LIVE_DIR/position" \
    >>"$LOGS/live-feed.log" 2>&1 </dev/null &
  LIVE_PID=$!
  say "live feed: $LIVE_RATE events/s of new people (log: $LOGS/live-feed.log)"
fi

cat <<EOF

  ETE reoffending platform is up.
    referral      http://localhost:8081  (Swagger UI: /q/swagger-ui)
    training      http://localhost:8082
    employment    http://localhost:8083
    peer-mentor   http://localhost:8084
    analysis      http://localhost:8085
    dashboard     http://localhost:8085/dashboard/   (charts of every view, from the same API; a local analyst token)
    metrics       http://localhost:808[1-5]/q/metrics   health: /q/health
    Kafka 127.0.0.1:$KAFKA_PORT   MongoDB mongodb://127.0.0.1:$MONGO_PORT   data: $DATA_DIR
  Every API call needs a bearer token for a role (partner, analyst, ops, privacy), e.g.:
    TOKEN=\$(tools/mint-token analyst | tail -1)
    curl -H "Authorization: Bearer \$TOKEN" 'http://localhost:8085/v1/ete/outputs?from=2018-04-01&to=2021-03-31'
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
