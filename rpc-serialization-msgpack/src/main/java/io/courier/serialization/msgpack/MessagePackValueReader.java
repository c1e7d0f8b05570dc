package io.courier.serialization.msgpack;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.courier.api.ErrorCode;
import io.courier.api.RpcException;
import io.courier.api.serialization.DeserializationPolicy;
import io.courier.api.serialization.Serializer;
import io.courier.protocol.json.JsonMappers;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;
import org.msgpack.core.MessagePack;

/**
 * One {@link MessagePackSerializer} reading session: the declared class checked against the policy,
 * then each value read into a tree under the policy's limits, then bound to the declared type. The
 * unpacker reads ahead in the stream (the rest of one frame body) and is never closed, which would
 * close the stream.
 */
final class MessagePackValueReader implements Serializer.ValueReader {

    /** The stream is the rest of one frame body, already in memory: small reads cost nothing, an 8 KiB buffer per session does. */
    private static final MessagePack.UnpackerConfig UNPACKING = new MessagePack.UnpackerConfig().withBufferSize(512);

    private final InputStream in;
    private final DeserializationPolicy policy;
    private MessagePackTreeReader trees;

    MessagePackValueReader(InputStream in, DeserializationPolicy policy) {
        this.in = in;
        this.policy = policy;
    }

    @Override
    public Object read(Type declaredType) throws IOException {
        ObjectMapper mapper = MessagePackBinding.mapper();
        JavaType type = mapper.constructType(declaredType);
        Class<?> raw = type.getRawClass();
        boolean tree = JsonNode.class.isAssignableFrom(raw);
        if (Throwable.class.isAssignableFrom(raw)) {
            throw new RpcException(ErrorCode.SERIALIZATION, "exceptions are not read from MessagePack objects");
        }
        if (!tree && !raw.isPrimitive() && raw != Object.class) {
            policy.checkClass(raw.getName());
        }
        if (trees == null) {
            trees = new MessagePackTreeReader(
                    UNPACKING.newUnpacker(in),
                    policy.maxDepth(),
                    policy.maxCollectionLength(),
                    policy.maxStringLength());
        }
        JsonNode value = trees.next();
        if (tree) {
            return value;
        }
        if (value.isNull() && !raw.isPrimitive()) {
            return null;
        }
        try (JsonParser tokens = mapper.treeAsTokens(value)) {
            return mapper.readerFor(type).readValue(tokens);
        } catch (JsonMappingException e) {
            throw new RpcException(ErrorCode.SERIALIZATION, JsonMappers.describe(e));
        }
    }
}
