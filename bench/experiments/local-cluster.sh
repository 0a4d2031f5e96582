# Sourced by experiment scripts (after common.sh's experiment_scan): a cluster of N silo processes on this machine,
# joined through a redis-server of their own, as README's "Running on a cluster" starts one by hand.
#   start_local_cluster DIR N ARTIFACT_ROOT    sets $cluster (the --cluster value); logs in DIR
#   stop_local_cluster                         ends the silos, then Redis (also on exit)
local_cluster_pids=()
local_cluster_redis=

start_local_cluster() {
  local dir="$1" silos="$2" artifacts="$3" redis_port=6391 i
  mkdir -p "$dir"
  redis-server --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly no > "$dir/redis.log" 2>&1 &
  local_cluster_redis=$!
  trap stop_local_cluster EXIT
  for _ in $(seq 50); do grep -q "Ready to accept connections" "$dir/redis.log" && break; sleep 0.2; done
  for i in $(seq "$silos"); do
    dotnet "$scan_client/scan.dll" silo --redis "127.0.0.1:$redis_port" --artifact-root "$artifacts" \
      --silo-port $((11130 + i)) --gateway-port $((30030 + i)) --http-port $((8190 + i)) > "$dir/silo-$i.log" 2>&1 &
    local_cluster_pids+=($!)
  done
  for i in $(seq "$silos"); do
    for _ in $(seq 180); do grep -q "joined cluster" "$dir/silo-$i.log" && break; sleep 0.5; done
    grep -q "joined cluster" "$dir/silo-$i.log" || { echo "silo $i did not join: see $dir/silo-$i.log" >&2; return 1; }
  done
  cluster="redis://127.0.0.1:$redis_port"
}

stop_local_cluster() {
  if [ "${#local_cluster_pids[@]}" -gt 0 ]; then
    kill "${local_cluster_pids[@]}" 2>/dev/null || true
    wait "${local_cluster_pids[@]}" 2>/dev/null || true
    local_cluster_pids=()
  fi
  if [ -n "$local_cluster_redis" ]; then
    kill "$local_cluster_redis" 2>/dev/null || true
    wait "$local_cluster_redis" 2>/dev/null || true
    local_cluster_redis=
  fi
}
