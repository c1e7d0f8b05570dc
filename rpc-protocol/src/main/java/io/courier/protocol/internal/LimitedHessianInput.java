package io.courier.protocol.internal;

import com.alibaba.com.caucho.hessian.io.Hessian2Input;
import io.courier.api.ErrorCode;
import io.courier.api.RpcException;
import io.courier.api.serialization.ByteSource;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
import java.util.List;

/**
 * A hessian reader that counts nesting (every nested value is read through one of the {@code
 * readObject} methods) and lets {@link LimitedDeserializer} charge list lengths against the
 * budget of the value being read.
 */
public final class LimitedHessianInput extends Hessian2Input {

    /** Hessian2Input reads ahead into a buffer of at most this many bytes. */
    private static final int READ_AHEAD = 256;

    /** Hessian's tag for a 32-bit int: {@code 'I'} and four bytes, big-endian. */
    private static final int INT_TAG = 'I';

    // Hessian2Input's read-ahead buffer, whose next bytes the class-definition check below peeks at
    private static final VarHandle BUFFER;
    private static final VarHandle OFFSET;
    private static final VarHandle LENGTH;
    private static final MethodHandle READ_BUFFER;

    static {
        try {
            MethodHandles.Lookup hessian = MethodHandles.privateLookupIn(Hessian2Input.class, MethodHandles.lookup());
            BUFFER = hessian.findVarHandle(Hessian2Input.class, "_buffer", byte[].class);
            OFFSET = hessian.findVarHandle(Hessian2Input.class, "_offset", int.class);
            LENGTH = hessian.findVarHandle(Hessian2Input.class, "_length", int.class);
            READ_BUFFER = hessian.findVirtual(Hessian2Input.class, "readBuffer", MethodType.methodType(boolean.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(
                    "hessian-lite's Hessian2Input no longer has the read-ahead buffer Courier checks: " + e);
        }
    }

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
        if (length > bytesLeft()) {
            throw new RpcException(
                    ErrorCode.SERIALIZATION,
                    "list of " + length + " elements with fewer bytes left, near body offset " + offset);
        }
    }

    private int bytesLeft() {
        try {
            return source.available() + READ_AHEAD;
        } catch (IOException e) {
            return READ_AHEAD;
        }
    }

    /**
     * Hessian reads a class definition ({@code C}) as its type name, then a field count with the
     * final {@code readInt()}, and allocates an array of that many names before reading one: a count
     * of 2^31-1 in a small frame would ask for gigabytes. So after a string that is a class
     * definition's type name, the count that follows is peeked at and refused when it is larger than
     * the bytes left (every name takes at least one). Only a large count pays for the look at the
     * caller that tells a type name from an ordinary string.
     */
    private void refuseOversizedClassDefinition() throws IOException {
        int count = peekInt();
        if (count > bytesLeft() && calledByObjectDefinition()) {
            throw new RpcException(
                    ErrorCode.SERIALIZATION,
                    "class definition of " + count + " fields with fewer bytes left, near body offset " + position());
        }
    }

    /** The 32-bit int that comes next, or -1 if the next value is not one. */
    private int peekInt() throws IOException {
        // refill only from bytes the body still holds: a read at its end counts as running past it
        for (int refills = 0; available() < 5 && source.available() > 0 && refills < 5; refills++) {
            readBuffer();
        }
        if (available() < 5) {
            return -1;
        }
        byte[] buffer = (byte[]) BUFFER.get(this);
        int at = (int) OFFSET.get(this);
        if ((buffer[at] & 0xff) != INT_TAG) {
            return -1;
        }
        return ((buffer[at + 1] & 0xff) << 24)
                | ((buffer[at + 2] & 0xff) << 16)
                | ((buffer[at + 3] & 0xff) << 8)
                | (buffer[at + 4] & 0xff);
    }

    private int available() {
        return (int) LENGTH.get(this) - (int) OFFSET.get(this);
    }

    private boolean readBuffer() throws IOException {
        try {
            return (boolean) READ_BUFFER.invokeExact((Hessian2Input) this);
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IOException(e);
        }
    }

    private static boolean calledByObjectDefinition() {
        return StackWalker.getInstance().walk(frames -> frames.limit(6)
                .anyMatch(frame -> frame.getMethodName().equals("readObjectDefinition")));
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
        refuseOversizedClassDefinition();
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
