package io.courier.protocol.serialization;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.courier.api.ErrorCode;
import io.courier.api.RpcException;
import io.courier.api.serialization.Serializer;
import io.courier.protocol.json.JsonMappers;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Type;

/** One {@link JsonSerializer} writing session: one generator, one document per value. */
final class JsonValueWriter implements Serializer.ValueWriter {

    private final ObjectMapper mapper = JsonMappers.writing();
    private final OutputStream out;
    private JsonGenerator generator;

    JsonValueWriter(OutputStream out) {
        this.out = out;
    }

    @Override
    public void write(Object value, Type declaredType) throws IOException {
        if (value instanceof Throwable) {
            throw new RpcException(ErrorCode.SERIALIZATION, "exceptions are not written as JSON objects");
        }
        if (generator == null) {
            generator = mapper.createGenerator(out);
        }
        if (value instanceof JsonNode node) {
            mapper.writeTree(generator, node);
        } else {
            mapper.writerFor(mapper.constructType(declaredType)).writeValue(generator, value);
        }
    }

    /**
     * Closes the session's generator: that writes what it buffered and hands its buffers back to
     * Jackson's pool for the next session on this thread (never closed, every session allocated its
     * 8,000-byte output buffer anew). The stream stays open ({@code AUTO_CLOSE_TARGET} is off).
     */
    @Override
    public void flush() throws IOException {
        if (generator != null) {
            generator.close();
            generator = null;
        }
    }
}
