package io.courier.dubbo.internal;

import io.courier.api.serialization.ByteSink;
import io.courier.api.serialization.Serializer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * Starts hessian-lite through Courier's hessian serializer, which starts it quietly (Java 17 refuses
 * some of its reflection, which it would print), before this module's own uses of hessian-lite.
 */
public final class HessianStart {

    private HessianStart() {}

    public static void ensure(Serializer hessian) {
        try {
            hessian.writer(ByteSink.of(OutputStream.nullOutputStream())).flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
