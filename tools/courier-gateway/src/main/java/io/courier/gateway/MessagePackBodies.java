package io.courier.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.courier.api.RpcException;
import io.courier.gateway.Problems.Problem;
import io.courier.protocol.json.JsonMappers;
import io.courier.serialization.msgpack.MessagePackTreeReader;
import io.courier.serialization.msgpack.MessagePackTreeWriter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePacker;
import org.msgpack.core.MessageUnpacker;

/**
 * {@code application/msgpack} on the gateway's unary calls: a body of that {@code Content-Type} is
 * read as one MessagePack map (the arguments by name, as the JSON object would be), and an {@code
 * Accept} that names it gets the answer as one MessagePack value. Both are converted at the edge to
 * and from the JSON that the call path speaks, by the msgpack serializer's tree reader and writer,
 * so a MessagePack call is checked and bound exactly as its JSON twin. Problems stay problem+json.
 */
final class MessagePackBodies {

    static final String CONTENT_TYPE = "application/msgpack";

    /** The deepest nesting converted; the JSON call path has its own limits after this. */
    private static final int MAX_DEPTH = 64;

    private MessagePackBodies() {}

    /** What a POST's body becomes: the JSON of the call and the exchange to answer on, or a problem. */
    record Call(Exchange exchange, ByteBuf json, Problem problem) {}

    /** Whether {@code accept} asks for MessagePack. */
    static boolean wanted(CharSequence accept) {
        return accept != null && accept.toString().toLowerCase(Locale.ROOT).contains(CONTENT_TYPE);
    }

    /**
     * The call a POST of {@code contentType} carrying {@code content} makes: JSON as it is, MessagePack
     * converted; answered in MessagePack if {@code accept} asks for it. Anything else is a 415 (which
     * is also what keeps a page of another origin from posting a plain form here: no CSRF).
     */
    static Call of(Exchange exchange, String contentType, String accept, ByteBuf content) {
        Exchange answering = wanted(accept) ? exchange.answeringMessagePack() : exchange;
        String type = contentType.toLowerCase(Locale.ROOT);
        if (type.startsWith("application/json")) {
            return new Call(answering, content, null);
        }
        if (!type.startsWith(CONTENT_TYPE)) {
            return new Call(
                    answering,
                    null,
                    Problems.of(
                            HttpResponseStatus.UNSUPPORTED_MEDIA_TYPE,
                            "expected: Content-Type: application/json or " + CONTENT_TYPE));
        }
        try {
            return new Call(answering, Unpooled.wrappedBuffer(toJson(ByteBufUtil.getBytes(content))), null);
        } catch (RpcException | IOException e) {
            return new Call(
                    answering,
                    null,
                    Problems.of(
                            HttpResponseStatus.BAD_REQUEST, "the MessagePack body cannot be read: " + e.getMessage()));
        }
    }

    /**
     * The JSON of one MessagePack value, read under limits the body's own length sets (no string or
     * element count can exceed it) and a fixed depth.
     */
    static byte[] toJson(byte[] msgpack) throws IOException {
        try (MessageUnpacker unpacker = MessagePack.newDefaultUnpacker(msgpack)) {
            MessagePackTreeReader reader =
                    new MessagePackTreeReader(unpacker, MAX_DEPTH, msgpack.length, msgpack.length);
            JsonNode tree = reader.next();
            if (reader.hasNext()) {
                throw new IOException("more than one MessagePack value");
            }
            return JsonMappers.writing().writeValueAsBytes(tree);
        }
    }

    /** {@code json}, an answer the call path wrote, as one MessagePack value. */
    static byte[] fromJson(byte[] json) {
        try {
            JsonNode tree = JsonMappers.writing().readTree(json);
            ByteArrayOutputStream out = new ByteArrayOutputStream(json.length);
            try (MessagePacker packer = MessagePack.newDefaultPacker(out)) {
                MessagePackTreeWriter.write(packer, tree);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("the call's JSON answer cannot be read", e);
        }
    }
}
