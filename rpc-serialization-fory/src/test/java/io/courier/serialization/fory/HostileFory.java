package io.courier.serialization.fory;

import io.courier.api.ServiceDescriptor;
import io.courier.protocol.internal.ThrowableData;
import io.courier.protocol.internal.Throwables;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Field;
import org.apache.fory.Fory;
import org.apache.fory.config.CompatibleMode;
import org.apache.fory.config.Language;

/**
 * What an attacker can send a fory reader: a session whose value was written by a Fory configured
 * as the service's, with a decoy class registered under a gadget's name. No gadget is instantiated
 * to produce the bytes.
 */
final class HostileFory {

    private HostileFory() {}

    /**
     * A session of one value of {@code service}: {@code value}, with {@code decoyClass} named {@code
     * gadget} on the wire and the service's own classes numbered as a real writer numbers them. An
     * exception of {@code decoyClass} travels as exception data whose class name is {@code gadget}.
     */
    static byte[] session(ServiceDescriptor service, Object value, Class<?> decoyClass, String gadget) {
        int dot = gadget.lastIndexOf('.');
        Fory fory = Fory.builder()
                .withLanguage(Language.JAVA)
                .requireClassRegistration(false)
                .suppressClassRegistrationWarnings(true)
                .withCodegen(true)
                .withAsyncCompilation(false)
                .withCompatibleMode(CompatibleMode.COMPATIBLE)
                .withRefTracking(false)
                .build();
        for (Class<?> type : ForyTypes.of(service).classes()) {
            fory.register(type, type.getName());
        }
        fory.register(decoyClass, gadget.substring(0, dot), gadget.substring(dot + 1));
        Object written = value;
        if (value instanceof Throwable exception) {
            ThrowableData data = Throwables.toData(exception);
            if (exception.getClass() == decoyClass) {
                rename(data, gadget);
            }
            written = data;
        }
        return session(fory.serialize(written));
    }

    private static void rename(ThrowableData data, String className) {
        try {
            Field field = ThrowableData.class.getDeclaredField("className");
            field.setAccessible(true);
            field.set(data, className);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot rename the exception data", e);
        }
    }

    /** {@code value} (the bytes of one Fory-serialized object) framed as a fory session's one value. */
    static byte[] session(byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(ForyValues.FORY);
        int rest = value.length;
        while ((rest & ~0x7F) != 0) {
            out.write((rest & 0x7F) | 0x80);
            rest >>>= 7;
        }
        out.write(rest);
        out.writeBytes(value);
        return out.toByteArray();
    }
}
