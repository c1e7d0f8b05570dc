package io.courier.protocol.internal;

import com.alibaba.com.caucho.hessian.io.AbstractHessianInput;
import com.alibaba.com.caucho.hessian.io.Deserializer;
import io.courier.api.serialization.DeserializationPolicy;
import java.io.IOException;

/**
 * Charges a list's declared length against the reading session's element budget, and checks it
 * against the bytes left, before hessian allocates an array of that length.
 */
final class LimitedDeserializer implements Deserializer {

    private final Deserializer delegate;
    private final DeserializationPolicy policy;

    LimitedDeserializer(Deserializer delegate, DeserializationPolicy policy) {
        this.delegate = delegate;
        this.policy = policy;
    }

    private static void charge(AbstractHessianInput in, int length) {
        if (in instanceof LimitedHessianInput limited) {
            limited.chargeLength(length);
        } else {
            throw new IllegalStateException("hessian reader without limits");
        }
    }

    @Override
    public Class<?> getType() {
        return delegate.getType();
    }

    @Override
    public Object readObject(AbstractHessianInput in) throws IOException {
        return delegate.readObject(in);
    }

    @Override
    public Object readList(AbstractHessianInput in, int length) throws IOException {
        charge(in, length);
        return delegate.readList(in, length);
    }

    @Override
    public Object readList(AbstractHessianInput in, int length, Class<?> expectType) throws IOException {
        charge(in, length);
        return delegate.readList(in, length, expectType);
    }

    @Override
    public Object readLengthList(AbstractHessianInput in, int length) throws IOException {
        charge(in, length);
        return delegate.readLengthList(in, length);
    }

    @Override
    public Object readLengthList(AbstractHessianInput in, int length, Class<?> expectType) throws IOException {
        charge(in, length);
        return delegate.readLengthList(in, length, expectType);
    }

    @Override
    public Object readMap(AbstractHessianInput in) throws IOException {
        return delegate.readMap(in);
    }

    @Override
    public Object readMap(AbstractHessianInput in, Class<?> keyType, Class<?> valueType) throws IOException {
        return delegate.readMap(in, keyType, valueType);
    }

    @Override
    public Object readObject(AbstractHessianInput in, String[] fieldNames) throws IOException {
        return delegate.readObject(in, fieldNames);
    }

    @Override
    public String toString() {
        return "LimitedDeserializer(" + delegate.getClass().getName() + ", "
                + policy.getClass().getName() + ")";
    }
}
