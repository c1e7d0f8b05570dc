package io.courier.filter.auth;

import io.courier.api.Invocation;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Computes a call's HMAC-SHA256 signature. The signed message is, in this order:
 *
 * <pre>
 * "courier-hmac-sha256-v1"
 * field(service key)            e.g. "acme/com.acme.UserService:1.0"
 * field(method descriptor)      e.g. "getUser(long)"
 * field(timestamp)              the courier.sign.ts attachment, epoch milliseconds
 * field(nonce)                  the courier.sign.nonce attachment
 * for each covered attachment name, in the configured order:
 *   field(name) then field(value), or field(name) then "-" when the call lacks it
 *
 * field(s) = the decimal length of s's UTF-8 bytes, ':', s's UTF-8 bytes
 * </pre>
 *
 * Length prefixes make the message unambiguous whatever the values contain. Arguments are not
 * covered: the filter chain sees them before serialization, and signing their Java objects would
 * mean serializing twice. Thread-safe: each thread keeps its own {@link Mac}.
 */
final class RequestSigner {

    static final String TIMESTAMP = "courier.sign.ts";
    static final String NONCE = "courier.sign.nonce";
    static final String SIGNATURE = "courier.sign";

    private static final String ALGORITHM = "HmacSHA256";
    private static final byte[] VERSION = "courier-hmac-sha256-v1".getBytes(StandardCharsets.UTF_8);
    private static final byte[] ABSENT = {'-'};

    private final List<String> covered;
    private final ThreadLocal<Mac> macs;

    RequestSigner(byte[] secret, List<String> covered) {
        this.covered = List.copyOf(covered);
        SecretKeySpec key = new SecretKeySpec(secret, ALGORITHM);
        newMac(key);
        this.macs = ThreadLocal.withInitial(() -> newMac(key));
    }

    /** The signature of {@code invocation} with the given timestamp and nonce. */
    byte[] sign(Invocation invocation, String timestamp, String nonce) {
        Mac mac = macs.get();
        mac.update(VERSION);
        field(mac, invocation.serviceKey().toString());
        field(mac, invocation.method().descriptor());
        field(mac, timestamp);
        field(mac, nonce);
        for (String name : covered) {
            field(mac, name);
            String value = invocation.attachment(name);
            if (value == null) {
                mac.update(ABSENT);
            } else {
                field(mac, value);
            }
        }
        return mac.doFinal();
    }

    private static void field(Mac mac, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        mac.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
        mac.update((byte) ':');
        mac.update(bytes);
    }

    private static Mac newMac(SecretKeySpec key) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available: " + e, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 cannot be initialised: " + e, e);
        }
    }
}
