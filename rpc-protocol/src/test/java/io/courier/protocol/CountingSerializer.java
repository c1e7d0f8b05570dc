package io.courier.protocol;

import io.courier.api.serialization.DeserializationPolicy;
import io.courier.api.serialization.Serializer;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicInteger;

/** A real serializer that counts the reading sessions opened, to prove that none was. */
public final class CountingSerializer implements Serializer {

    public final Serializer delegate;
    public final AtomicInteger readers = new AtomicInteger();

    public CountingSerializer(Serializer delegate) {
        this.delegate = delegate;
    }

    @Override
    public byte id() {
        return delegate.id();
    }

    @Override
    public ValueWriter writer(OutputStream out) {
        return delegate.writer(out);
    }

    @Override
    public ValueReader reader(InputStream in, DeserializationPolicy policy) {
        readers.incrementAndGet();
        return delegate.reader(in, policy);
    }
}
