package io.courier.filter.limit;

/**
 * An adaptive concurrency limit in the style of Netflix's gradient limit: it compares each call's
 * latency (the short-term view) with an exponential average over many calls (the long-term view,
 * the latency without queueing) and moves the limit along their ratio.
 *
 * <pre>
 * gradient = clamp(tolerance * longRtt / rtt, 0.5, 1.0)    1.0: no queueing; 0.5: heavy queueing
 * estimate = limit * gradient + queueSize                  shrink on queueing, else probe upwards
 * limit    = limit * (1 - smoothing) + estimate * smoothing, within [minLimit, maxLimit]
 * </pre>
 *
 * Two refinements: the limit does not grow while fewer than half of it are in use (the load, not
 * the provider, is the bottleneck, so a higher limit would be untested), and when calls are more
 * than twice as fast as the long-term average (an overload has ended) that average decays quickly
 * instead of waiting for hundreds of samples. Thread-safe; {@link #limit()} is a volatile read.
 */
final class GradientLimit {

    private final AdaptiveLimitOptions options;
    private final double longFactor;
    private double estimate;
    private double longRtt;
    private long samples;
    private volatile int limit;

    GradientLimit(AdaptiveLimitOptions options) {
        this.options = options;
        this.longFactor = 2.0 / (options.longWindow() + 1);
        this.estimate = options.initialLimit();
        this.limit = options.initialLimit();
    }

    /** The current limit. */
    int limit() {
        return limit;
    }

    /** Learns from one call that took {@code rttNanos} while {@code inFlight} calls (itself included) ran. */
    synchronized void onSample(long rttNanos, int inFlight) {
        double rtt = Math.max(1, rttNanos);
        double longTerm = updateLongRtt(rtt);
        if (longTerm / rtt > 2) {
            longRtt = longTerm * 0.95;
        }
        double gradient = Math.max(0.5, Math.min(1.0, options.tolerance() * longTerm / rtt));
        double target = estimate * gradient + options.queueSize();
        double next = estimate * (1 - options.smoothing()) + target * options.smoothing();
        if (next > estimate && inFlight < estimate / 2) {
            return;
        }
        estimate = Math.max(options.minLimit(), Math.min(options.maxLimit(), next));
        limit = (int) estimate;
    }

    private double updateLongRtt(double rtt) {
        // A plain average over the first samples: an exponential average seeded by one outlier
        // would take hundreds of samples to forget it.
        long warmup = 10;
        samples++;
        if (samples <= warmup) {
            longRtt = samples == 1 ? rtt : longRtt + (rtt - longRtt) / samples;
        } else {
            longRtt = longRtt * (1 - longFactor) + rtt * longFactor;
        }
        return longRtt;
    }
}
