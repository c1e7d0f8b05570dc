package io.courier.grpc.internal.wire;

import java.util.concurrent.TimeUnit;

/** The {@code grpc-timeout} header: at most eight digits and a unit (H, M, S, m, u, n). */
public final class GrpcTimeout {

    private GrpcTimeout() {}

    /**
     * The timeout in nanoseconds, or -1 without one.
     *
     * @throws IllegalArgumentException if the header is not of gRPC's form
     */
    public static long parseNanos(CharSequence value) {
        if (value == null) {
            return -1;
        }
        int length = value.length();
        if (length < 2 || length > 9) {
            throw new IllegalArgumentException("grpc-timeout: '" + value + "' (expected: 1 to 8 digits and a unit)");
        }
        long amount = 0;
        for (int i = 0; i < length - 1; i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                throw new IllegalArgumentException("grpc-timeout: '" + value + "' (expected: digits before the unit)");
            }
            amount = amount * 10 + (c - '0');
        }
        TimeUnit unit =
                switch (value.charAt(length - 1)) {
                    case 'H' -> TimeUnit.HOURS;
                    case 'M' -> TimeUnit.MINUTES;
                    case 'S' -> TimeUnit.SECONDS;
                    case 'm' -> TimeUnit.MILLISECONDS;
                    case 'u' -> TimeUnit.MICROSECONDS;
                    case 'n' -> TimeUnit.NANOSECONDS;
                    default ->
                        throw new IllegalArgumentException(
                                "grpc-timeout: '" + value + "' (expected: a unit of H, M, S, m, u or n)");
                };
        return unit.toNanos(amount);
    }

    /**
     * The header value of a timeout of {@code nanos} (at least 1): in the finest unit whose amount fits
     * gRPC's eight digits, rounded up so that the server's deadline is never earlier than the caller's.
     */
    public static String encode(long nanos) {
        long amount = Math.max(1, nanos);
        char[] units = {'n', 'u', 'm', 'S', 'M', 'H'};
        long[] perUnit = {1, 1_000, 1_000, 1_000, 60, 60};
        for (int i = 0; i < units.length; i++) {
            if (i > 0) {
                // rounded up, without the overflow of (amount + d - 1) / d near Long.MAX_VALUE
                amount = amount / perUnit[i] + (amount % perUnit[i] == 0 ? 0 : 1);
            }
            if (amount < 100_000_000L) {
                return amount + String.valueOf(units[i]);
            }
        }
        return "99999999H";
    }
}
