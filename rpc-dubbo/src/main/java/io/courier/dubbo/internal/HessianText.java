package io.courier.dubbo.internal;

import io.courier.api.ErrorCode;
import io.courier.api.RpcException;

/**
 * Reads the Hessian 2 strings (or nulls) that open a Dubbo request body: Dubbo's version, the path,
 * the service version, the method and the parameter descriptor. They are read here, before any
 * serializer, because which service's class allow-list reads the rest depends on them. Lengths count
 * UTF-16 units written as UTF-8, as Hessian does; each string is at most {@link #MAX_CHARS} long.
 */
final class HessianText {

    /** Longer than any name or descriptor a real request carries; a longer one is refused. */
    static final int MAX_CHARS = 4096;

    private final byte[] bytes;
    private int position;

    HessianText(byte[] bytes) {
        this.bytes = bytes;
    }

    /** Where the next value starts. */
    int position() {
        return position;
    }

    /** The next string, or {@code null} for Hessian's null. */
    String next(String what) {
        int tag = byteAt(what);
        if (tag == 'N') {
            return null;
        }
        StringBuilder text = new StringBuilder();
        while (true) {
            int length;
            boolean last = true;
            if (tag <= 0x1f) {
                length = tag;
            } else if (tag >= 0x30 && tag <= 0x33) {
                length = ((tag - 0x30) << 8) | byteAt(what);
            } else if (tag == 'S' || tag == 'R') {
                length = (byteAt(what) << 8) | byteAt(what);
                last = tag == 'S';
            } else {
                throw bad(what + ": not a string (hessian tag 0x" + Integer.toHexString(tag) + ")");
            }
            if (text.length() + length > MAX_CHARS) {
                throw bad(what + ": longer than " + MAX_CHARS + " characters");
            }
            for (int i = 0; i < length; i++) {
                text.append(nextChar(what));
            }
            if (last) {
                return text.toString();
            }
            tag = byteAt(what);
        }
    }

    private char nextChar(String what) {
        int first = byteAt(what);
        if (first < 0x80) {
            return (char) first;
        }
        if ((first & 0xe0) == 0xc0) {
            return (char) (((first & 0x1f) << 6) | continuation(what));
        }
        if ((first & 0xf0) == 0xe0) {
            int second = continuation(what);
            return (char) (((first & 0x0f) << 12) | (second << 6) | continuation(what));
        }
        throw bad(what + ": bad UTF-8 byte 0x" + Integer.toHexString(first));
    }

    private int continuation(String what) {
        int b = byteAt(what);
        if ((b & 0xc0) != 0x80) {
            throw bad(what + ": bad UTF-8 continuation byte 0x" + Integer.toHexString(b));
        }
        return b & 0x3f;
    }

    private int byteAt(String what) {
        if (position >= bytes.length) {
            throw bad(what + ": the body ends inside it");
        }
        return bytes[position++] & 0xff;
    }

    private static RpcException bad(String message) {
        return new RpcException(ErrorCode.BAD_REQUEST, true, "Dubbo request " + message, null);
    }
}
