package io.courier.filter.auth;

import io.courier.filter.internal.Setting;
import java.nio.charset.StandardCharsets;

/** Checks on secret settings whose values must never appear in an error message or a log. */
final class Secrets {

    private Secrets() {}

    /** The UTF-8 bytes of {@code setting}, at least {@code minBytes} long. */
    static byte[] bytes(Setting setting, int minBytes) {
        byte[] bytes = setting.value().getBytes(StandardCharsets.UTF_8);
        if (bytes.length < minBytes) {
            throw new IllegalArgumentException(setting.key() + ": (hidden, " + bytes.length
                    + " bytes) (expected: at least " + minBytes + " bytes)");
        }
        return bytes;
    }
}
