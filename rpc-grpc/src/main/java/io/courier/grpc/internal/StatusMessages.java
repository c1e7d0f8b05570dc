package io.courier.grpc.internal;

import java.nio.charset.StandardCharsets;

/** {@code grpc-message}: UTF-8, percent-encoded outside printable ASCII and for '%', as gRPC's spec asks. */
final class StatusMessages {

    private StatusMessages() {}

    static String encode(String message) {
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(bytes.length);
        for (byte b : bytes) {
            int c = b & 0xFF;
            if (c >= 0x20 && c < 0x7F && c != '%') {
                out.append((char) c);
            } else {
                out.append('%')
                        .append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return out.toString();
    }
}
