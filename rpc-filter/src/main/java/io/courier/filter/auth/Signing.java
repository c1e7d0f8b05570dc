package io.courier.filter.auth;

import io.courier.api.Invocation;
import io.courier.api.RpcResult;
import io.courier.api.filter.Filter;
import io.courier.api.time.Ticker;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Signs each call: adds the timestamp, a nonce and the signature as attachments. A nonce is a
 * random 64-bit prefix drawn once per service plus a counter, so nonces never repeat within this
 * process and collide across processes with negligible probability, at the cost of one atomic
 * increment instead of a call to a secure random generator per call.
 */
final class Signing implements Filter {

    private final RequestSigner signer;
    private final Ticker ticker;
    private final long prefix;
    private final AtomicLong counter = new AtomicLong();

    Signing(SignatureOptions options, Ticker ticker) {
        this.signer = new RequestSigner(options.secret(), options.covered());
        this.ticker = ticker;
        this.prefix = new SecureRandom().nextLong();
    }

    @Override
    public CompletableFuture<RpcResult> filter(Invocation invocation, Chain chain) {
        String timestamp = Long.toString(ticker.currentTimeMillis());
        String nonce = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(ByteBuffer.allocate(16)
                        .putLong(prefix)
                        .putLong(counter.incrementAndGet())
                        .array());
        byte[] signature = signer.sign(invocation, timestamp, nonce);
        Map<String, String> attachments = new HashMap<>(4);
        attachments.put(RequestSigner.TIMESTAMP, timestamp);
        attachments.put(RequestSigner.NONCE, nonce);
        attachments.put(
                RequestSigner.SIGNATURE, Base64.getUrlEncoder().withoutPadding().encodeToString(signature));
        return chain.proceed(invocation.withAttachments(attachments));
    }
}
