package io.courier.api.internal;

import io.courier.api.Internal;

/**
 * Reads the unsigned decimal numbers that attachments carry (budgets, timestamps) without
 * exceptions or allocation: a value from the wire that is not one is simply not a number.
 */
@Internal
public final class Decimals {

    private Decimals() {}

    /**
     * {@code text} as a number of at most {@code maxDigits} decimal digits (no sign, no spaces), or
     * -1 if it is {@code null}, empty, longer, or not all digits.
     *
     * @param maxDigits 1 to 18, so that the value fits a {@code long}
     */
    public static long parseUnsigned(String text, int maxDigits) {
        if (text == null || text.isEmpty() || text.length() > maxDigits) {
            return -1;
        }
        long value = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
