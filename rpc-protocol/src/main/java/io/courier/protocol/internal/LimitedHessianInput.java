package io.courier.protocol.internal;

import com.alibaba.com.caucho.hessian.io.Hessian2Input;
import io.courier.api.ErrorCode;
import io.courier.api.RpcException;
import io.courier.api.serialization.ByteSource;
import java.io.IOException;
import java.util.List;

/**
 * A hessian reader that counts nesting (every nested value is read through one of the {@code
 * readObject} methods) and lets {@link LimitedDeserializer} charge list lengths against the
 * budget of the value being read.
 */
public final class LimitedHessianInput extends Hessian2Input {

    /** Hessian2Input reads ahead into a buffer of at most this many bytes. */
    private static final int READ_AHEAD = 256;

    private final ByteSource source;
    private ReadLimits limits;

    public LimitedHessianInput(ByteSource source) {
        super(source.asInputStream());
        this.source = source;
    }

    /** Starts reading a new value under fresh limits. */
    public void startValue(ReadLimits limits) {
        this.limits = limits;
    }

    void chargeLength(int length) {
        if (length < 0) {
            return;
        }
        int offset = position();
        limits.charge(length, offset);
        int bound;
        try {
            bound = source.available() + READ_AHEAD;
        } catch (IOException e) {
            bound = READ_AHEAD;
        }
        if (length > bound) {
            throw new RpcException(
                    ErrorCode.SERIALIZATION,
                    "list of " + length + " elements with fewer bytes left, near body offset " + offset);
        }
    }

    private int position() {
        return source.position();
    }

    private void enter() {
        limits.enter(position());
    }

    @Override
    public Object readObject() throws IOException {
        enter();
        try {
            return super.readObject();
        } finally {
            limits.exit();
        }
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Object readObject(Class cl) throws IOException {
        enter();
        try {
            return super.readObject(cl);
        } finally {
            limits.exit();
        }
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Object readObject(Class expectedClass, Class<?>... expectedTypes) throws IOException {
        enter();
        try {
            return super.readObject(expectedClass, expectedTypes);
        } finally {
            limits.exit();
        }
    }

    @Override
    public Object readObject(List<Class<?>> expectedTypes) throws IOException {
        enter();
        try {
            return super.readObject(expectedTypes);
        } finally {
            limits.exit();
        }
    }

    @Override
    public String readString() throws IOException {
        String value = super.readString();
        if (value != null && value.length() > limits.policy().maxStringLength()) {
            throw new RpcException(
                    ErrorCode.SERIALIZATION,
                    "string of " + value.length() + " chars over "
                            + limits.policy().maxStringLength() + " (maxStringLength)");
        }
        return value;
    }

    @Override
    public byte[] readBytes() throws IOException {
        byte[] value = super.readBytes();
        if (value != null && value.length > limits.policy().maxStringLength()) {
            throw new RpcException(
                    ErrorCode.SERIALIZATION,
                    "byte array of " + value.length + " over " + limits.policy().maxStringLength()
                            + " (maxStringLength)");
        }
        return value;
    }
}
