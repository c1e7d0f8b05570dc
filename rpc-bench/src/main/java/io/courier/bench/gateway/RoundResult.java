package io.courier.bench.gateway;

/**
 * What one path made in one round: calls per second, the median and 99th percentile latency in
 * microseconds, the CPU time of this JVM (provider, gateway, consumer and, on the direct path, the
 * calling threads; not the native loaders) per call in microseconds, and the host's one-minute load
 * average when the round ended; the bytes this JVM's threads allocated per call ({@link
 * Allocations}), which moves much less with the host's load than CPU time; and the CPU time of the
 * native loader per call in microseconds (NaN on the direct path, whose callers are in this JVM):
 * on two cores the loader's CPU is taken from the gateway, so a protocol that costs the loader more
 * per request makes fewer calls per second with the same gateway.
 */
public record RoundResult(
        String path,
        double callsPerSecond,
        double p50Micros,
        double p99Micros,
        double cpuMicros,
        double load,
        double allocatedBytes,
        double loaderMicros) {

    public RoundResult withCost(double cpuMicrosPerCall, double allocatedBytesPerCall) {
        return new RoundResult(
                path,
                callsPerSecond,
                p50Micros,
                p99Micros,
                cpuMicrosPerCall,
                load,
                allocatedBytesPerCall,
                loaderMicros);
    }

    public String line(int round) {
        return String.format(
                "round %d %-22s %,9.0f calls/s  p50 %,7.0f us  p99 %,8.0f us  JVM CPU %5.1f us/call  %,6.0f B/call"
                        + "  loader CPU %5.1f us/call  load %.1f",
                round, path, callsPerSecond, p50Micros, p99Micros, cpuMicros, allocatedBytes, loaderMicros, load);
    }
}
