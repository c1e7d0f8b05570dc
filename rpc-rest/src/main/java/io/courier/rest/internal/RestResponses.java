package io.courier.rest.internal;

import io.courier.api.RpcResult;
import io.courier.protocol.json.JsonMappers;
import io.courier.protocol.json.ProblemDetails;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.io.IOException;

/** The answers of REST calls: a value as JSON (200), none (204), a failure as problem JSON. */
final class RestResponses {

    private RestResponses() {}

    /** The provider's result: its value, or its business exception as problem JSON (422). */
    static FullHttpResponse of(RpcResult result, ByteBufAllocator alloc) {
        if (result.hasException()) {
            return problem(ProblemDetails.ofFailure(result.exception(), RestResponses::title), alloc);
        }
        Object value = result.value();
        if (value == null) {
            return new DefaultFullHttpResponse(
                    HttpVersion.HTTP_1_1, HttpResponseStatus.NO_CONTENT, Unpooled.EMPTY_BUFFER);
        }
        byte[] json;
        try {
            json = JsonMappers.writing().writeValueAsBytes(value);
        } catch (IOException e) {
            return problem(
                    ProblemDetails.of(500, title(500), "the answer could not be written as JSON: " + e.getMessage()),
                    alloc);
        }
        return json(HttpResponseStatus.OK, "application/json", json, alloc);
    }

    /** A failure of the call (refused, or classified by Courier's error codes) as problem JSON. */
    static FullHttpResponse failure(Throwable failure, ByteBufAllocator alloc) {
        return problem(ProblemDetails.ofFailure(failure, RestResponses::title), alloc);
    }

    /** A refusal before any call, with {@code status} and {@code detail}. */
    static FullHttpResponse problem(int status, String detail, ByteBufAllocator alloc) {
        return problem(ProblemDetails.of(status, title(status), detail), alloc);
    }

    static FullHttpResponse problem(ProblemDetails.Problem problem, ByteBufAllocator alloc) {
        return json(
                HttpResponseStatus.valueOf(problem.status()),
                ProblemDetails.CONTENT_TYPE,
                problem.body().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                alloc);
    }

    /** A document the port itself answers (its OpenAPI description), as JSON. */
    static FullHttpResponse document(String json, ByteBufAllocator alloc) {
        return json(
                HttpResponseStatus.OK,
                "application/json",
                json.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                alloc);
    }

    private static FullHttpResponse json(
            HttpResponseStatus status, String contentType, byte[] body, ByteBufAllocator alloc) {
        FullHttpResponse response = new DefaultFullHttpResponse(
                HttpVersion.HTTP_1_1, status, alloc.buffer(body.length).writeBytes(body));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        return response;
    }

    private static String title(int status) {
        return HttpResponseStatus.valueOf(status).reasonPhrase();
    }
}
