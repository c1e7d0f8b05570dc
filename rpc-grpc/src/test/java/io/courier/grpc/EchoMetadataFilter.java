package io.courier.grpc;

import io.courier.api.Invocation;
import io.courier.api.RpcContext;
import io.courier.api.RpcResult;
import io.courier.api.filter.Filter;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The provider filter of gRPC's interop server (grpc-java's {@code TestServiceImpl} echoes with an
 * interceptor): {@code x-grpc-test-echo-initial} comes back in the response headers, set through
 * {@link RpcContext#setResponseAttachment} before the call proceeds, and {@code
 * x-grpc-test-echo-trailing-bin} in the trailers, as an attachment of the result.
 */
final class EchoMetadataFilter implements Filter {

    static final String INITIAL = "x-grpc-test-echo-initial";
    static final String TRAILING = "x-grpc-test-echo-trailing-bin";

    @Override
    public CompletableFuture<RpcResult> filter(Invocation invocation, Chain chain) {
        String initial = invocation.attachments().get(INITIAL);
        if (initial != null) {
            RpcContext.current().setResponseAttachment(INITIAL, initial);
        }
        String trailing = invocation.attachments().get(TRAILING);
        CompletableFuture<RpcResult> answer = chain.proceed(invocation);
        if (trailing == null) {
            return answer;
        }
        return answer.thenApply(result -> {
            Map<String, String> attachments = new HashMap<>(result.attachments());
            attachments.put(TRAILING, trailing);
            return result.hasException()
                    ? RpcResult.ofException(result.exception(), attachments)
                    : RpcResult.of(result.value(), attachments);
        });
    }
}
