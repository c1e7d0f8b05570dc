package io.courier.grpc.internal.wire;

import java.nio.charset.StandardCharsets;

/** {@code grpc-message}: UTF-8, percent-encoded outside printable ASCII and for '%', as gRPC's spec asks. */
public final class StatusMessages {

    private StatusMessages() {}

    public static String encode(String message) {
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

    /** The text of a received {@code grpc-message}; a malformed escape is kept as it came, as gRPC reads it. */
    public static String decode(CharSequence encoded) {
        String text = encoded.toString();
        if (text.indexOf('%') < 0) {
            return text;
        }
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%' && i + 2 < text.length()) {
                int high = Character.digit(text.charAt(i + 1), 16);
                int low = Character.digit(text.charAt(i + 2), 16);
                if (high >= 0 && low >= 0) {
                    bytes.write(high << 4 | low);
                    i += 2;
                    continue;
                }
            }
            byte[] plain = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
            bytes.write(plain, 0, plain.length);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
