package io.courier.protocol;

import io.courier.api.DeserializationPolicy;
import io.courier.api.Serializer;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicInteger;

/** A real serializer that counts the reading sessions opened, to prove that none was. */
final class CountingSerializer implements Serializer {

    final Serializer delegate;
    final AtomicInteger readers = new AtomicInteger();

    CountingSerializer(Serializer delegate) {
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
