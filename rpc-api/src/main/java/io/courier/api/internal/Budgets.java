package io.courier.api.internal;

import io.courier.api.Internal;
import java.util.concurrent.TimeUnit;

/**
 * The time budget a request carries on the wire, in the attachment {@value #ATTACHMENT}: what was
 * left of the call's deadline when the consumer sent it, in whole milliseconds (decimal digits,
 * rounded up). The one reader of that text: the transport turns it into the request's typed
 * deadline ({@code Invocation.deadlineNanos()}) when it decodes the request, and the deadline filters
 * read it with the same rules.
 */
@Internal
public final class Budgets {

    /** The wire attachment with the remaining budget in milliseconds. */
    public static final String ATTACHMENT = "courier.deadline-ms";

    /** The largest budget honoured, one day; larger values are treated as one day. */
    public static final long MAX_MILLIS = TimeUnit.DAYS.toMillis(1);

    private Budgets() {}

    /** A budget in milliseconds (capped at {@link #MAX_MILLIS}), or -1 if {@code text} is not a decimal number. */
    public static long parseMillis(String text) {
        long value = Decimals.parseUnsigned(text, 18);
        return value < 0 ? -1 : Math.min(value, MAX_MILLIS);
    }

    /**
     * A signed decimal long, or {@link Long#MIN_VALUE} if {@code text} is not one: the receive stamp
     * ({@code courier.received-nanos}) of a request handled without the transport's typed deadline.
     */
    public static long parseSigned(String text) {
        if (text == null || text.isEmpty() || text.length() > 19) {
            return Long.MIN_VALUE;
        }
        boolean negative = text.charAt(0) == '-';
        int start = negative ? 1 : 0;
        if (start == text.length()) {
            return Long.MIN_VALUE;
        }
        long value = 0;
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return Long.MIN_VALUE;
            }
            value = value * 10 + (c - '0');
        }
        return negative ? -value : value;
    }
}
