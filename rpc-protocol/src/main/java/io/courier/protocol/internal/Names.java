package io.courier.protocol.internal;

import io.courier.api.Internal;

/**
 * Makes a name read from the wire (a service key, a method descriptor, a class name) safe to put
 * in an error message or a log line: printable ASCII only, bounded length.
 */
@Internal
public final class Names {

    private static final int MAX_LENGTH = 160;

    private Names() {}

    public static String printable(String name) {
        if (name == null) {
            return "null";
        }
        int length = Math.min(name.length(), MAX_LENGTH);
        StringBuilder text = new StringBuilder(length + 3);
        for (int i = 0; i < length; i++) {
            char c = name.charAt(i);
            text.append(c >= 0x20 && c < 0x7F ? c : '?');
        }
        if (name.length() > MAX_LENGTH) {
            text.append("...");
        }
        return text.toString();
    }
}
