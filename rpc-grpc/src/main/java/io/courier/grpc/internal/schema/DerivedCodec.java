package io.courier.grpc.internal.schema;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;

/**
 * A derived message's values as real protobuf, what any protobuf library writes and reads for the same
 * {@code .proto}: written by {@link ValueWriter}, read by {@link ValueReader}, both on protobuf-java's
 * coded streams; the descriptor describes the message to reflection. Thread-safe.
 */
final class DerivedCodec implements MessageCodec {

    static final int MAX_DEPTH = ValueWriter.MAX_DEPTH;

    private final MessageShape shape;
    private final Descriptor descriptor;

    DerivedCodec(MessageShape shape, Descriptor descriptor) {
        this.shape = shape;
        this.descriptor = descriptor;
    }

    @Override
    public Descriptor descriptor() {
        return descriptor;
    }

    @Override
    public boolean spreads() {
        return shape.form() == MessageShape.Form.ARGUMENTS;
    }

    @Override
    public Object read(byte[] bytes) throws InvalidProtocolBufferException {
        try {
            return ValueReader.read(shape, bytes);
        } catch (InvalidProtocolBufferException e) {
            throw e;
        } catch (IOException e) {
            throw new InvalidProtocolBufferException(e);
        }
    }

    @Override
    public byte[] write(Object value) {
        if (shape.form() == MessageShape.Form.ARGUMENTS
                && !(value instanceof Object[] arguments
                        && arguments.length == shape.fields().size())) {
            throw new IllegalArgumentException(
                    "value: not the " + shape.fields().size() + " arguments of " + shape.name());
        }
        return ValueWriter.write(shape, value);
    }

    @Override
    public String toString() {
        return shape.toString();
    }
}
