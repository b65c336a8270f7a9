#!/usr/bin/env bash
# Builds the bench module and runs every Praxis-vs-LangChain4j benchmark, then writes the report.
#   bench/run.sh            full run (~10 minutes on 2 cores), writes bench/RESULTS.md
#   bench/run.sh --quick    smoke run (~2 minutes), writes bench/target/RESULTS-quick.md
#   bench/run.sh --cold-only [N]  cold start alone, N alternating starts each (default 11; ~1 minute on 2
#                           cores when quiet): median wall and CPU time, classes loaded by source; writes
#                           bench/target/COLD.md
# Options: --out FILE (report path). Env: JAVA_HOME (default Temurin 25), BENCH_JMH_ARGS (extra JMH args).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
mode=full
out="$here/RESULTS.md"
command_line="bench/run.sh $*"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --quick) mode=quick; out="$here/target/RESULTS-quick.md" ;;
    --cold-only) mode=cold; out="$here/target/COLD.md"
      if [[ "${2:-}" =~ ^[0-9]+$ ]]; then cold_repeats="$2"; shift; fi ;;
    --out) out="$2"; shift ;;
    *) echo "unknown option: $1 (use --quick, --cold-only [N], --out FILE)" >&2; exit 2 ;;
  esac
  shift
done

export JAVA_HOME="${JAVA_HOME_BENCH:-/usr/lib/jvm/temurin-25-jdk-amd64}"
java="$JAVA_HOME/bin/java"
[[ -x "$java" ]] || { echo "no JDK at $JAVA_HOME (needs 21+; set JAVA_HOME_BENCH)" >&2; exit 1; }
# nothing leaves the machine, whatever ends up on a classpath
export OPT_OUT_TRACKING=true

if [[ $mode == quick ]]; then
  jmh_args=(-f 1 -wi 2 -w 1s -i 3 -r 1s)
  sessions=2000; rounds=1; cold=3
else
  jmh_args=(-f 2 -wi 4 -w 2s -i 5 -r 2s)
  sessions=10000; rounds=5; cold=11
fi
read -r -a extra <<< "${BENCH_JMH_ARGS:-}"
jmh_args+=("${extra[@]}")

results="$here/target/results"
load() { cut -d' ' -f1-3 /proc/loadavg | sed 's/ /, /g'; }
load_before="$(load)"

echo "== build (JDK: $JAVA_HOME)"
mvn_build() { mvn -B "$@" -f "$root/pom.xml" -Pbench -pl bench -am package -DskipTests; }
mvn_build -o >/dev/null 2>&1 || mvn_build
mkdir -p "$results"
# what a user of agent-core ships: its runtime dependencies without the optional ones (providers)
list_args=(-f "$root/pom.xml" -pl agent-core dependency:list -DincludeScope=runtime
  -DoutputAbsoluteArtifactFilename=true -DoutputFile="$results/praxis.list")
mvn -B -q -o "${list_args[@]}" >/dev/null 2>&1 || mvn -B "${list_args[@]}"
grep -v '(optional)' "$results/praxis.list" | grep -o '/[^ ]*\.jar' | paste -sd: - > "$results/praxis.classpath"
mvn -B -q -o -f "$here/classpath/langchain4j/pom.xml" dependency:build-classpath -DincludeScope=runtime \
  -Dmdep.outputFile="$results/langchain4j.classpath" >/dev/null 2>&1 \
  || mvn -B -f "$here/classpath/langchain4j/pom.xml" dependency:build-classpath -DincludeScope=runtime \
       -Dmdep.outputFile="$results/langchain4j.classpath"
core_jar="$(ls "$root"/agent-core/target/agent-core-*.jar | grep -v -e sources -e javadoc -e tests | head -1)"
praxis_cp="$core_jar:$(cat "$results/praxis.classpath")"
langchain4j_cp="$(cat "$results/langchain4j.classpath")"
bench_cp="$here/target/classes:$(cat "$here/target/bench.classpath")"

if [[ $mode == cold ]]; then
  echo "== cold start (${cold_repeats:-11} alternating starts each)"
  mkdir -p "$(dirname "$out")"
  "$java" -Dbench.classes="$here/target/classes" -Dbench.cp.praxis="$praxis_cp" -Dbench.cp.langchain4j="$langchain4j_cp" \
    -cp "$bench_cp" dev.praxis.bench.ColdStartHarness "$results/cold.md" "${cold_repeats:-11}"
  { echo "# Cold start ($(date -u '+%Y-%m-%d %H:%M') UTC, $command_line)"; echo
    echo "JDK $JAVA_HOME; $(nproc) cores; load average before: $load_before, after: $(load)."; echo
    cat "$results/cold.md"; } > "$out"
  echo "== wrote $out"
  exit 0
fi

echo "== JMH: S1, S2 (${jmh_args[*]} -prof gc)"
"$java" -cp "$bench_cp" org.openjdk.jmh.Main 'TwoStepRunBenchmark|HistoryBenchmark' "${jmh_args[@]}" \
  -jvmArgsAppend "-Xmx1g" -prof gc -rf json -rff "$results/jmh.json"
load_middle="$(load)"

echo "== macro: tokens, S3 ($sessions sessions x $rounds rounds), idle sessions, cold start"
# a fixed heap (-Xms = -Xmx), as servers and JMH forks commonly run: with a growing heap G1 starts with a
# small young generation, and S3's figures then depend on when it chooses to grow (FIXES.md, "S3: heap")
"$java" -Xms2g -Xmx2g -Dbench.classes="$here/target/classes" -Dbench.cp.praxis="$praxis_cp" \
  -Dbench.cp.langchain4j="$langchain4j_cp" -cp "$bench_cp" dev.praxis.bench.Macro \
  "$results/macro.json" "$sessions" "$rounds" "$cold"
load_after="$(load)"

cpu="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
mem="$(awk '/MemTotal/ {printf "%.0f GiB RAM", $2/1048576}' /proc/meminfo)"
os="$(uname -sr)"
cat > "$results/env.json" <<JSON
{"command": "$command_line", "mode": "$mode", "date": "$(date -u '+%Y-%m-%d %H:%M')",
 "javaHome": "$JAVA_HOME", "cpu": "$cpu", "cores": "$(nproc)", "memory": "$mem", "os": "$os",
 "loadBefore": "$load_before", "loadMiddle": "$load_middle", "loadAfter": "$load_after",
 "jmhArgs": "${jmh_args[*]} -jvmArgsAppend -Xmx1g -prof gc; macro JVM -Xms2g -Xmx2g (fixed heap)"}
JSON
# S4 (vector recall): agent-memory's own benchmark (bench/memory/README.md), run here on JDK 17, the library's
# target (Lucene 9.12 has no vector acceleration on 23+). Sizes: BENCH_S4_SIZES (default 100000; quick 20000;
# 1,000,000 takes hours of CPU for the HNSW build). BENCH_S4=skip reuses bench/memory/RESULTS.md instead.
s4="$results/s4.md"
if [[ "${BENCH_S4:-run}" == skip ]]; then
  s4="$here/memory/RESULTS.md"
else
  if [[ $mode == quick ]]; then s4_sizes="${BENCH_S4_SIZES:-20000}"; else s4_sizes="${BENCH_S4_SIZES:-100000}"; fi
  s4_java="${JAVA_HOME_S4:-/usr/lib/jvm/java-17-openjdk-amd64}"
  [[ -x "$s4_java/bin/java" ]] || s4_java="$JAVA_HOME"
  s4_args=(-B -f "$root/pom.xml" -pl agent-memory/praxis-postgres -am test -Dtest=MemoryBenchmark
    -Dsurefire.failIfNoSpecifiedTests=false -Dpraxis.bench=true -Dbench.sizes="$s4_sizes" -Dbench.data=clustered
    -Dbench.skipConversations=true -Dbench.exactQueries=30 -Dbench.queries=200 -Dbench.out="$results/s4-table.md"
    "-Dsurefire.argLine=-XX:+EnableDynamicAgentLoading -Xmx6g")
  echo "== S4: memory recall ($s4_sizes clustered 384-d vectors, JDK $s4_java)"
  JAVA_HOME="$s4_java" mvn -o "${s4_args[@]}" > "$results/s4.log" 2>&1 || JAVA_HOME="$s4_java" mvn "${s4_args[@]}" > "$results/s4.log" 2>&1 \
    || { echo "S4 failed; see $results/s4.log" >&2; exit 1; }
  {
    echo "Measured by agent-memory's MemoryBenchmark in this run (definitions: bench/memory/README.md), JDK 17,"
    echo "clustered data, k = 10; load average after: $(load). Command: \`mvn ${s4_args[*]}\`"
    echo
    cat "$results/s4-table.md"
  } > "$s4"
fi
mkdir -p "$(dirname "$out")"
"$java" -cp "$bench_cp" dev.praxis.bench.Report "$results/jmh.json" "$results/macro.json" "$results/env.json" \
  "$s4" "$out" "$here/FIXES.md"
echo "== wrote $out"
