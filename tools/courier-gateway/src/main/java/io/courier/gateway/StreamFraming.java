package io.courier.gateway;

import io.courier.gateway.Problems.Problem;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import java.nio.charset.StandardCharsets;

/**
 * How a stream's messages and end look on the wire, one of three:
 *
 * <pre>
 * Server-Sent Events (text/event-stream)   NDJSON (application/x-ndjson)   WebSocket
 * data: {"id":1}\n\n                       {"id":1}\n                      text frame {"id":1}
 * ...                                      ...                             ...
 * event: end\ndata: \n\n                   (end of the body)               close 1000
 * event: error\ndata: {problem}\n\n        {"error":{problem}}\n           close 1011 "CODE: detail"
 * </pre>
 *
 * A message is one JSON value, which never contains a raw newline, so one {@code data:} line and one
 * NDJSON line each hold exactly one message.
 */
interface StreamFraming {

    /** One message, a JSON value as text. */
    Object message(ByteBufAllocator alloc, String json);

    /** The end of a stream that completed. */
    Object end(ByteBufAllocator alloc);

    /** The end of a stream that failed with {@code problem}. */
    Object error(ByteBufAllocator alloc, Problem problem);

    /** Server-Sent Events. */
    StreamFraming SSE = new StreamFraming() {
        @Override
        public Object message(ByteBufAllocator alloc, String json) {
            return new DefaultHttpContent(ByteBufUtil.writeUtf8(alloc, "data: " + json + "\n\n"));
        }

        @Override
        public Object end(ByteBufAllocator alloc) {
            // an EventSource reconnects when a stream just stops: the end event says not to
            return new DefaultLastHttpContent(ByteBufUtil.writeUtf8(alloc, "event: end\ndata: \n\n"));
        }

        @Override
        public Object error(ByteBufAllocator alloc, Problem problem) {
            return new DefaultLastHttpContent(
                    ByteBufUtil.writeUtf8(alloc, "event: error\ndata: " + problem.body() + "\n\n"));
        }
    };

    /** Newline-delimited JSON. */
    StreamFraming NDJSON = new StreamFraming() {
        @Override
        public Object message(ByteBufAllocator alloc, String json) {
            return new DefaultHttpContent(ByteBufUtil.writeUtf8(alloc, json + "\n"));
        }

        @Override
        public Object end(ByteBufAllocator alloc) {
            return LastHttpContent.EMPTY_LAST_CONTENT;
        }

        @Override
        public Object error(ByteBufAllocator alloc, Problem problem) {
            return new DefaultLastHttpContent(ByteBufUtil.writeUtf8(alloc, "{\"error\":" + problem.body() + "}\n"));
        }
    };

    /** WebSocket text frames; the stream's end is the close frame. */
    StreamFraming WEBSOCKET = new StreamFraming() {
        @Override
        public Object message(ByteBufAllocator alloc, String json) {
            return new TextWebSocketFrame(ByteBufUtil.writeUtf8(alloc, json));
        }

        @Override
        public Object end(ByteBufAllocator alloc) {
            return new CloseWebSocketFrame(WebSocketCloseStatus.NORMAL_CLOSURE);
        }

        @Override
        public Object error(ByteBufAllocator alloc, Problem problem) {
            String code = problem.body().path("code").asText(problem.status().reasonPhrase());
            String reason = code + ": " + problem.body().path("detail").asText("");
            // RFC 6455 section 5.5: a control frame's payload is at most 125 bytes, 2 of them the code
            byte[] bytes = reason.getBytes(StandardCharsets.UTF_8);
            if (bytes.length > 123) {
                reason = new String(bytes, 0, 123, StandardCharsets.UTF_8).replace("\uFFFD", "");
                while (reason.getBytes(StandardCharsets.UTF_8).length > 123) {
                    reason = reason.substring(0, reason.length() - 1);
                }
            }
            return new CloseWebSocketFrame(WebSocketCloseStatus.INTERNAL_SERVER_ERROR.code(), reason);
        }
    };
}
