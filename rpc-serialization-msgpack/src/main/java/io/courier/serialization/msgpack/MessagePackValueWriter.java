package io.courier.serialization.msgpack;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import io.courier.api.ErrorCode;
import io.courier.api.RpcException;
import io.courier.api.serialization.Serializer;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Type;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePacker;

/** One {@link MessagePackSerializer} writing session: each value turned into a tree, written as one MessagePack value. */
final class MessagePackValueWriter implements Serializer.ValueWriter {

    /** A session writes the arguments or result of one call: msgpack-core's 8 KiB default buffer is mostly unused. */
    private static final MessagePack.PackerConfig PACKING = new MessagePack.PackerConfig().withBufferSize(512);

    private final OutputStream out;
    private MessagePacker packer;

    MessagePackValueWriter(OutputStream out) {
        this.out = out;
    }

    @Override
    public void write(Object value, Type declaredType) throws IOException {
        if (value instanceof Throwable) {
            throw new RpcException(ErrorCode.SERIALIZATION, "exceptions are not written as MessagePack objects");
        }
        if (packer == null) {
            packer = PACKING.newPacker(out);
        }
        JsonNode tree = value instanceof JsonNode node ? node : tree(value, declaredType);
        MessagePackTreeWriter.write(packer, tree);
    }

    /** {@code value} as the JSON serializer would write it for {@code declaredType}, as a tree. */
    private static JsonNode tree(Object value, Type declaredType) throws IOException {
        ObjectMapper mapper = MessagePackBinding.mapper();
        try (TokenBuffer tokens = new TokenBuffer(mapper, false)) {
            mapper.writerFor(mapper.constructType(declaredType)).writeValue(tokens, value);
            try (JsonParser parser = tokens.asParser()) {
                JsonNode tree = mapper.readTree(parser);
                return tree == null ? NullNode.getInstance() : tree;
            }
        }
    }

    /** Hands what the packer buffered to the stream; the stream stays open (the packer is never closed). */
    @Override
    public void flush() throws IOException {
        if (packer != null) {
            packer.flush();
            packer = null;
        }
    }
}
