package io.courier.filter.auth;

import io.courier.api.ErrorCode;
import io.courier.api.Invocation;
import io.courier.api.RpcException;
import io.courier.api.RpcResult;
import io.courier.api.filter.Filter;
import io.courier.api.internal.Decimals;
import io.courier.api.time.Ticker;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;

/**
 * Verifies signed requests, cheapest check first, and refuses with {@code FORBIDDEN}, before it
 * runs, a request that is unsigned, stale (timestamp further than the allowed skew from this
 * clock), tampered with (the signature does not match) or replayed (its nonce was seen while its
 * timestamp is still acceptable). The nonce is remembered only after the signature matched, so
 * that nobody without the key can fill the cache. A full cache refuses with {@code SERVER_BUSY}
 * (not executed), which lets a cluster try another instance.
 */
final class SignatureCheck implements Filter {

    private static final int MIN_NONCE = 16;
    private static final int MAX_NONCE = 64;

    private final RequestSigner signer;
    private final NonceCache nonces;
    private final long maxSkewMillis;
    private final Ticker ticker;

    SignatureCheck(SignatureOptions options, Ticker ticker) {
        this.signer = new RequestSigner(options.secret(), options.covered());
        this.nonces = new NonceCache(options.nonceCacheSize());
        this.maxSkewMillis = options.maxSkewMillis();
        this.ticker = ticker;
    }

    @Override
    public CompletableFuture<RpcResult> filter(Invocation invocation, Chain chain) {
        String timestamp = invocation.attachment(RequestSigner.TIMESTAMP);
        String nonce = invocation.attachment(RequestSigner.NONCE);
        String signature = invocation.attachment(RequestSigner.SIGNATURE);
        if (timestamp == null || nonce == null || signature == null) {
            return refuse(ErrorCode.FORBIDDEN, "unsigned request", invocation);
        }
        long sentAt = parseMillis(timestamp);
        long now = ticker.currentTimeMillis();
        if (sentAt < 0 || Math.abs(now - sentAt) > maxSkewMillis) {
            return refuse(ErrorCode.FORBIDDEN, "stale or invalid timestamp", invocation);
        }
        if (nonce.length() < MIN_NONCE || nonce.length() > MAX_NONCE || !isBase64Url(nonce)) {
            return refuse(ErrorCode.FORBIDDEN, "invalid nonce", invocation);
        }
        byte[] given;
        try {
            given = Base64.getUrlDecoder().decode(signature);
        } catch (IllegalArgumentException e) {
            return refuse(ErrorCode.FORBIDDEN, "malformed signature", invocation);
        }
        if (!MessageDigest.isEqual(given, signer.sign(invocation, timestamp, nonce))) {
            return refuse(ErrorCode.FORBIDDEN, "signature mismatch", invocation);
        }
        return switch (nonces.add(nonce, sentAt + maxSkewMillis, now)) {
            case ADDED -> chain.proceed(invocation);
            case REPLAYED -> refuse(ErrorCode.FORBIDDEN, "replayed request", invocation);
            case FULL -> refuse(ErrorCode.SERVER_BUSY, "nonce cache full", invocation);
        };
    }

    private static CompletableFuture<RpcResult> refuse(ErrorCode code, String why, Invocation invocation) {
        return CompletableFuture.failedFuture(new RpcException(code, "signature: " + why + " for " + invocation));
    }

    /** Epoch milliseconds of at most 15 digits (until the year 33658), or -1. */
    private static long parseMillis(String text) {
        return Decimals.parseUnsigned(text, 15);
    }

    private static boolean isBase64Url(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean ok =
                    (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
