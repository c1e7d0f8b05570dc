package io.courier.serialization.fory;

import io.courier.api.ServiceDescriptor;
import io.courier.api.serialization.ByteSink;
import io.courier.api.serialization.Serializer;
import io.courier.protocol.internal.ThrowableData;
import io.courier.protocol.internal.Throwables;
import io.courier.protocol.serialization.ProtostuffSerializer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import org.apache.fory.Fory;
import org.apache.fory.config.CompatibleMode;
import org.apache.fory.config.Language;

/**
 * What an attacker can send a fory reader: a session whose value was written by a Fory configured
 * as the service's, with a decoy class registered under a gadget's name. No gadget is instantiated
 * to produce the bytes. Public (in the test-jar) for rpc-bootstrap's end-to-end test, which sends it.
 */
public final class HostileFory {

    private HostileFory() {}

    /**
     * A session of one value of {@code service}: {@code value}, with {@code decoyClass} named {@code
     * gadget} on the wire and the service's own classes numbered as a real writer numbers them. An
     * exception of {@code decoyClass} travels as exception data whose class name is {@code gadget}.
     */
    public static byte[] session(ServiceDescriptor service, Object value, Class<?> decoyClass, String gadget) {
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

    /**
     * A session of one protostuff value inside fory (tag 7): {@code decoy} as protostuff writes it
     * for a declared {@code Object}, its class name replaced by {@code gadget} (the message's size
     * prefix adjusted).
     */
    static byte[] protostuffSession(Object decoy, String gadget) {
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        try {
            Serializer.ValueWriter writer = new ProtostuffSerializer().writer(ByteSink.of(written));
            writer.write(decoy, Object.class);
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] bytes = written.toByteArray();
        // protostuff value: tag, varint message size, message
        int sizeLength = 1;
        while ((bytes[sizeLength] & 0x80) != 0) {
            sizeLength++;
        }
        sizeLength++;
        String from = decoy.getClass().getName();
        String message = new String(bytes, sizeLength, bytes.length - sizeLength, StandardCharsets.ISO_8859_1);
        String renamed = message.replace((char) from.length() + from, (char) gadget.length() + gadget);
        if (renamed.equals(message) || from.length() > 127 || gadget.length() > 127) {
            throw new IllegalArgumentException("cannot rename " + from + " to " + gadget);
        }
        ByteArrayOutputStream value = new ByteArrayOutputStream();
        value.write(bytes[0]);
        writeVarint(value, renamed.length());
        value.writeBytes(renamed.getBytes(StandardCharsets.ISO_8859_1));
        return framed(ForyValues.PROTOSTUFF, value.toByteArray());
    }

    /** {@code value} (the bytes of one Fory-serialized object) framed as a fory session's one value. */
    static byte[] session(byte[] value) {
        return framed(ForyValues.FORY, value);
    }

    private static byte[] framed(int tag, byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int rest = value.length;
        while ((rest & ~0x7F) != 0) {
            out.write((rest & 0x7F) | 0x80);
            rest >>>= 7;
        }
        out.write(rest);
        out.writeBytes(value);
        return out.toByteArray();
    }

    private static void writeVarint(ByteArrayOutputStream out, int value) {
        while ((value & ~0x7F) != 0) {
            out.write((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        out.write(value);
    }
}
