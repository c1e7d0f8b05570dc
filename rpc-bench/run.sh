#!/usr/bin/env bash
# Builds rpc-bench and runs the benchmark comparison; prints one table with the ratios Courier/Dubbo, Courier/gRPC and
# Courier/raw-Netty. Every server and JVM it starts is stopped before it returns (also on failure or Ctrl-C).
#
#   rpc-bench/run.sh            the full comparison of raw, dubbo, courier and grpc (about 20 minutes on 2 cores)
#   rpc-bench/run.sh smoke      a few minutes, numbers only good for "does every path work"
#   rpc-bench/run.sh micro      the micro benchmarks (proxy, serializers, codec, filter chain)
#   rpc-bench/run.sh stream-jmh a gRPC server stream of users under JMH: streams/s, users/s, payload bytes/s
#                               (StreamBenchmark)
#   rpc-bench/run.sh cpu courier existUser    CPU per call of client and server (io.courier.bench.harness.CpuPerCall);
#                                             any system (raw, dubbo, courier, grpc) and call;
#                                             BENCH_OPTS="-Dbench.serverExtraJvmArgs=..." sets server JVM options
#   rpc-bench/run.sh compare --systems raw,dubbo -- -t 16    options go to io.courier.bench.Comparison
#   rpc-bench/run.sh compare --systems courier,courier-protostuff  Courier as configured by default (auto:
#                                             fory for this service) against Courier on protostuff (the
#                                             courier-protostuff system is never in the default set)
#   rpc-bench/run.sh stream [SYSTEM [USERS_PER_ROUND [ROUNDS [GRPC_STUB]]]]   server stream of users, users/s and
#                                             MB/s (io.courier.bench.harness.StreamThroughput); with no system:
#                                             courier, then grpc with its blocking and its async stub
#   rpc-bench/run.sh events [BROKER] [EVENTS [ROUNDS [LATENCY_RATE [LATENCY_EVENTS [PARTITIONS]]]]]   Courier's
#                                             events against the broker's own Java client on one broker (kafka: the
#                                             embedded one, the default; nats: Debian's nats-server; rabbitmq: Debian's
#                                             rabbitmq-server): publish/s, consume/s, publish-to-handler p50/p99, CPU
#                                             per event, interleaved rounds with medians (io.courier.bench.events.
#                                             EventsComparison; kafka: 2,000,000 events x 4 rounds, about 8 minutes;
#                                             nats and rabbitmq: about half a minute each)
#   rpc-bench/run.sh thrift [SECONDS [WARMUP [THREADS]]]   Courier's Thrift endpoint against libthrift's
#                                             TThreadedSelectorServer from the same libthrift client (framed, binary),
#                                             each server in its own JVM: calls/s, p50/p99, server CPU per call and
#                                             the ratios (io.courier.bench.thrift.ThriftComparison; about 45 s)
#   rpc-bench/run.sh stream-heap [MEGABYTES [SERVER_XMX]]   about 1 GB of users through one Courier stream with
#                                             -Xmx64m on both sides (client: STREAM_HEAP_XMX); prints the peak heaps
#   rpc-bench/run.sh gateway [CONNECTIONS [SECONDS [ROUNDS]]]   getUser direct from CONNECTIONS threads against the
#                                             HTTP gateway from wrk (HTTP/1.1) and h2load (h2c) with as many
#                                             connections, interleaved rounds (io.courier.bench.gateway.GatewayOverhead;
#                                             needs wrk and h2load: apt-get install wrk nghttp2-client)
#
# Results: rpc-bench/target/jmh/rpc-<system>-<call>.json (call by call, the systems in turn), micro.json and stream.json (smoke: rpc-bench/target/jmh-smoke/).
# Under the comparison table: the processor and the CPU time the host took during the run (HostReport).
set -euo pipefail

bench_dir="$(cd "$(dirname "$0")" && pwd)"
root_dir="$(dirname "$bench_dir")"
mode="${1:-compare}"
if [[ $# -gt 0 ]]; then
  shift
fi

cd "$root_dir"
# package writes target/bench-classpath.txt; the tests are the normal suite's business, not the benchmark's
mvn -B -q -pl rpc-bench -am package -DskipTests
classpath="$bench_dir/target/classes:$(cat "$bench_dir/target/bench-classpath.txt")"

case "$mode" in
  compare)
    exec java -cp "$classpath" io.courier.bench.Comparison --results "$bench_dir/target/jmh" "$@"
    ;;
  smoke)
    exec java -cp "$classpath" io.courier.bench.Comparison --quick --results "$bench_dir/target/jmh-smoke" "$@"
    ;;
  cpu)
    exec java ${BENCH_OPTS:-} -cp "$classpath" io.courier.bench.Comparison --cpu "$@"
    ;;
  micro)
    exec java -cp "$classpath" io.courier.bench.Comparison --micro --results "$bench_dir/target/jmh" "$@"
    ;;
  stream)
    if [[ $# -eq 0 ]]; then
      for system in courier "grpc 200000 6 blocking" "grpc 200000 6 async"; do
        # shellcheck disable=SC2086 # the system's words are separate arguments
        java ${BENCH_OPTS:-} -cp "$classpath" io.courier.bench.harness.StreamThroughput $system
      done
    else
      exec java ${BENCH_OPTS:-} -cp "$classpath" io.courier.bench.harness.StreamThroughput "$@"
    fi
    ;;
  stream-jmh)
    exec java -cp "$classpath" io.courier.bench.Comparison --stream --results "$bench_dir/target/jmh" "$@"
    ;;
  events)
    exec java -Xms1g -Xmx1g ${BENCH_OPTS:-} -cp "$classpath" io.courier.bench.events.EventsComparison "$@"
    ;;
  thrift)
    exec java -Xms1g -Xmx1g -XX:+AlwaysPreTouch ${BENCH_OPTS:-} -cp "$classpath" io.courier.bench.thrift.ThriftComparison "$@"
    ;;
  stream-heap)
    exec java "-Xmx${STREAM_HEAP_XMX:-64m}" ${BENCH_OPTS:-} -cp "$classpath" io.courier.bench.harness.StreamHeap "$@"
    ;;
  gateway)
    exec java -Xms1g -Xmx1g -XX:+AlwaysPreTouch -Dio.netty.leakDetection.level=disabled ${BENCH_OPTS:-} \
      -cp "$classpath" io.courier.bench.gateway.GatewayOverhead "$@"
    ;;
  *)
    echo "usage: $0 [compare|smoke|micro|cpu|stream|stream-jmh|stream-heap|events|thrift|gateway] [options...]" >&2
    exit 2
    ;;
esac
