#!/usr/bin/env bash
# Throughput of distributed runs (issue 12): runs/s through 1, 2 and 3 worker JVMs against an
# in-process Kafka broker, scripted model at 20 ms per call. Writes bench/distributed/results.md.
#   bench/distributed/run.sh [runs] [latency-ms] [in-flight-per-worker]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
runs="${1:-1000}"; latency="${2:-20}"; inflight="${3:-16}"
export OPT_OUT_TRACKING=true
cd "$root"
mvn -B -o -pl agent-memory/praxis-kafka -am test -Dtest=DistributedBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Dpraxis.bench=true -Dbench.runs="$runs" -Dbench.latency="$latency" -Dbench.inflight="$inflight" \
  -Dbench.out="$here/results.md"
{
  echo
  echo "command: bench/distributed/run.sh $runs $latency $inflight; $(date -u '+%Y-%m-%d %H:%M') UTC"
  echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(nproc) cores,"\
       "$(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo); JDK: $(java -version 2>&1 | head -1)"
} >> "$here/results.md"
cat "$here/results.md"
