package io.courier.security;

import io.courier.api.Endpoint;
import io.courier.api.ErrorCode;
import io.courier.api.ReferenceOptions;
import io.courier.api.RpcContext;
import io.courier.api.RpcException;
import io.courier.bootstrap.Courier;
import io.courier.bootstrap.CourierBuilder;
import java.util.List;
import java.util.function.Supplier;
import org.assertj.core.api.Assertions;

/** Provider and consumer applications on 127.0.0.1 for the security tests. */
final class Apps {

    private Apps() {}

    /** An application on 127.0.0.1 and a free port, without a shutdown hook. */
    static CourierBuilder builder() {
        return Courier.builder().shutdownHook(false).host("127.0.0.1").port(0);
    }

    /** Calls straight to {@code port}, without retries. */
    static ReferenceOptions direct(int port) {
        return ReferenceOptions.builder()
                .directEndpoints(List.of(Endpoint.of("127.0.0.1", port)))
                .timeoutMillis(20_000)
                .retries(0)
                .build();
    }

    /** Makes {@code call} on this thread with {@code Bearer <token>} attached. */
    static <T> T withToken(String token, Supplier<T> call) {
        RpcContext.current().setAttachment(BearerTokens.ATTACHMENT, BearerTokens.SCHEME + token);
        try {
            return call.get();
        } finally {
            RpcContext.current().clearAttachments();
        }
    }

    /** The refusal {@code call} ends with: the code, not executed, and never the token in the message. */
    static RpcException refusal(Runnable call, ErrorCode code, String token) {
        RpcException refusal = Assertions.catchThrowableOfType(RpcException.class, call::run);
        Assertions.assertThat(refusal).as("refused").isNotNull();
        Assertions.assertThat(refusal.code()).as(refusal.getMessage()).isEqualTo(code);
        Assertions.assertThat(refusal.notExecuted()).isTrue();
        if (token != null) {
            Assertions.assertThat(refusal.getMessage()).doesNotContain(token);
        }
        return refusal;
    }
}
