#!/usr/bin/env bash
# Courier soak test, outside CI: N minutes of reads and writes against three provider processes while
# something random fails every few seconds (a provider killed with SIGKILL or stopped with SIGTERM and
# replaced, ZooKeeper restarted, every ZooKeeper session expired, the consumer's path to a provider
# silent for 2-5 s through a blackholing proxy, then healed). Ends with a summary: calls, failures
# by code, reads lost (must be 0), writes run twice (must be 0), memory and threads at start and end.
#
# Usage: scripts/soak.sh [minutes (decimal, default 10)] [seed]
#   MAVEN_ARGS   extra arguments for Maven, e.g. MAVEN_ARGS=-o for an offline build
#   SOAK_JAVA    the java command (default: java on the PATH)
#
# Exit code: 0 when nothing was lost, 1 otherwise. Logs of every process: rpc-it/target/soak/.
set -euo pipefail

minutes="${1:-10}"
seed="${2:-}"
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

echo "Building the suite and its class path..."
# shellcheck disable=SC2086 # MAVEN_ARGS is a list of arguments
mvn -B -q ${MAVEN_ARGS:-} -pl rpc-it -am test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/soak.classpath -Dmdep.includeScope=test
classpath="rpc-it/target/test-classes:$(cat rpc-it/target/soak.classpath)"

mkdir -p rpc-it/target/soak
echo "Soaking for ${minutes} minute(s); logs in rpc-it/target/soak/"
exec "${SOAK_JAVA:-java}" -Xmx512m \
    -Dit.logs=rpc-it/target/soak \
    -Dit.figures=rpc-it/target/soak/figures.md \
    -cp "$classpath" io.courier.it.SoakMain "$minutes" ${seed:+"$seed"}
