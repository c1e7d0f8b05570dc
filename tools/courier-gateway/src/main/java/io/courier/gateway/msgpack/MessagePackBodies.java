package io.courier.gateway.msgpack;

import com.fasterxml.jackson.databind.JsonNode;
import io.courier.api.RpcException;
import io.courier.protocol.json.JsonMappers;
import io.courier.serialization.msgpack.MessagePackTreeReader;
import io.courier.serialization.msgpack.MessagePackTreeWriter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
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
 * read as one MessagePack value (a map of the arguments by name or an array by position, as the JSON
 * would be), and an {@code Accept} that names it gets the answer as one MessagePack value. Both are
 * converted at the edge to and from the JSON that the call path speaks, by the msgpack serializer's
 * tree reader and writer, so a MessagePack call is checked and bound exactly as its JSON twin.
 * Problems stay problem+json. Stateless.
 */
public final class MessagePackBodies {

    /** The media type. */
    public static final String CONTENT_TYPE = "application/msgpack";

    /** The deepest nesting converted; the JSON call path has its own limits after this. */
    private static final int MAX_DEPTH = 64;

    private MessagePackBodies() {}

    /**
     * What a POST's body becomes: the JSON of the call and whether its answer is wanted in
     * MessagePack; or, when {@code refusal} is set, the status and {@code detail} to answer with.
     */
    public record Body(ByteBuf json, boolean answersMessagePack, HttpResponseStatus refusal, String detail) {}

    /** Whether {@code accept} asks for MessagePack. */
    public static boolean wanted(CharSequence accept) {
        return accept != null && accept.toString().toLowerCase(Locale.ROOT).contains(CONTENT_TYPE);
    }

    /**
     * The call a POST with {@code headers} carrying {@code content} makes: JSON as it is, MessagePack
     * converted; answered in MessagePack if its {@code Accept} asks for it. Anything else is a 415, which
     * is also what keeps a page of another origin from posting a plain form here (no CSRF).
     */
    public static Body of(HttpHeaders headers, ByteBuf content) {
        boolean answers = wanted(headers.get(HttpHeaderNames.ACCEPT));
        String type = headers.get(HttpHeaderNames.CONTENT_TYPE, "").toLowerCase(Locale.ROOT);
        if (type.startsWith("application/json")) {
            return new Body(content, answers, null, null);
        }
        if (!type.startsWith(CONTENT_TYPE)) {
            return new Body(
                    null,
                    answers,
                    HttpResponseStatus.UNSUPPORTED_MEDIA_TYPE,
                    "expected: Content-Type: application/json or " + CONTENT_TYPE);
        }
        try {
            return new Body(Unpooled.wrappedBuffer(toJson(ByteBufUtil.getBytes(content))), answers, null, null);
        } catch (RpcException | IOException e) {
            return new Body(
                    null,
                    answers,
                    HttpResponseStatus.BAD_REQUEST,
                    "the MessagePack body cannot be read: " + e.getMessage());
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
    public static byte[] fromJson(byte[] json) {
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
