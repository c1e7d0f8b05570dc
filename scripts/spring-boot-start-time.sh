#!/usr/bin/env bash
# What the Courier starter adds to a Spring Boot application's start: runs StartTime (the starter's
# test sources) in fresh JVMs, round after round, in three modes, and prints each mode's median of
# SpringApplication.run's duration (wall clock) and of the CPU time its thread spent, and the medians'
# differences from "plain". On a busy machine the CPU time is the steadier figure.
#   plain    Spring Boot's starter alone on the class path (Courier's jars filtered out)
#   starter  the Courier starter on the class path; a Courier application with nothing exported
#   export   the starter and one @Export bean served on 127.0.0.1, a free port (no registry)
#
# Usage: scripts/spring-boot-start-time.sh [rounds (default 7)]
#   MAVEN_ARGS   extra arguments for Maven, e.g. MAVEN_ARGS=-o for an offline build
#   START_JAVA   the java command (default: java on the PATH)
set -euo pipefail

rounds="${1:-7}"
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
module=integrations/courier-spring-boot-starter

echo "Building the starter and its class path..."
# shellcheck disable=SC2086 # MAVEN_ARGS is a list of arguments
mvn -B -q ${MAVEN_ARGS:-} -pl "$module" -am -DskipTests test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/start-time.classpath -DincludeScope=runtime
full="$module/target/test-classes:$(cat "$module/target/start-time.classpath")"
# The plain application's class path: what spring-boot-starter brings, nothing of Courier's.
plain="$module/target/test-classes:$(tr ':' '\n' < "$module/target/start-time.classpath" \
    | grep -E '/(org/springframework|ch/qos/logback|org/apache/logging/log4j|org/slf4j|jakarta/annotation|org/yaml/snakeyaml|io/micrometer/micrometer-(observation|commons))/' \
    | paste -sd: -)"

declare -A times cpus
for ((i = 1; i <= rounds; i++)); do
    for mode in plain starter export; do
        cp="$full"
        [[ "$mode" == plain ]] && cp="$plain"
        line="$("${START_JAVA:-java}" -Xshare:auto -cp "$cp" io.courier.spring.boot.starter.example.StartTime "$mode" 2>&1 \
            | grep 'start-time-ms=' || true)"
        ms="$(sed -n 's/.*start-time-ms=\([0-9]*\).*/\1/p' <<<"$line")"
        cpu="$(sed -n 's/.*main-thread-cpu-ms=\([0-9]*\).*/\1/p' <<<"$line")"
        [[ -n "$ms" && -n "$cpu" ]] || { echo "round $i, $mode: no start-time-ms line" >&2; exit 1; }
        times[$mode]+="$ms "
        cpus[$mode]+="$cpu "
        echo "round $i $mode: ${ms} ms wall, ${cpu} ms cpu"
    done
done

median() { tr ' ' '\n' <<<"$1" | grep -v '^$' | sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2)}'; }
base="$(median "${times[plain]}")"
cpubase="$(median "${cpus[plain]}")"
for mode in plain starter export; do
    m="$(median "${times[$mode]}")"
    c="$(median "${cpus[$mode]}")"
    echo "median $mode: ${m} ms wall (added $((m - base))), ${c} ms cpu (added $((c - cpubase)))"
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
