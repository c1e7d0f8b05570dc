package io.courier.serialization.fory;

import static org.assertj.core.api.Assertions.assertThat;

import io.courier.api.ServiceDescriptor;
import io.courier.api.serialization.ByteSink;
import io.courier.api.serialization.ByteSource;
import io.courier.api.serialization.DeserializationPolicy;
import io.courier.api.serialization.Serializer;
import io.courier.protocol.serialization.ClassAllowList;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Field;
import javassist.CannotCompileException;
import javassist.ClassPool;
import javassist.CtClass;
import javassist.CtField;
import javassist.CtNewConstructor;
import javassist.CtNewMethod;
import javassist.NotFoundException;
import org.junit.jupiter.api.Test;

/**
 * Two builds of one service whose class gained fields, as during a rolling upgrade: each side reads
 * what the other writes, skipping the fields it does not know and leaving the ones it was not sent
 * at their defaults. The two versions are generated into two class loaders under the same names.
 */
class ForyEvolutionTest {

    private static final String PACKAGE = "io.courier.serialization.fory.evolution.";

    private final Build older = Build.of(false);
    private final Build newer = Build.of(true);

    @Test
    void newerWriter_olderReader_skipsTheFieldsItDoesNotKnow() throws Exception {
        Object sent = newer.item(7, "seven");
        newer.set(sent, "note", "only the newer build has this");
        newer.set(sent, "rank", 3);

        Object received = older.read(newer.write(sent));

        assertThat(received.getClass()).isSameAs(older.item);
        assertThat(older.get(received, "id")).isEqualTo(7L);
        assertThat(older.get(received, "name")).isEqualTo("seven");
    }

    @Test
    void olderWriter_newerReader_leavesTheMissingFieldsAtTheirDefaults() throws Exception {
        Object received = newer.read(older.write(older.item(8, "eight")));

        assertThat(received.getClass()).isSameAs(newer.item);
        assertThat(newer.get(received, "id")).isEqualTo(8L);
        assertThat(newer.get(received, "name")).isEqualTo("eight");
        assertThat(newer.get(received, "note")).isNull();
        assertThat(newer.get(received, "rank")).isEqualTo(0);
    }

    /** One build: the item class, the catalog interface returning it, and fory bound to the catalog. */
    private record Build(Class<?> item, Serializer fory, DeserializationPolicy policy) {

        static Build of(boolean newer) {
            try {
                ClassPool pool = new ClassPool(true);
                CtClass item = pool.makeClass(PACKAGE + "Item");
                item.addField(CtField.make("public long id;", item));
                item.addField(CtField.make("public String name;", item));
                if (newer) {
                    item.addField(CtField.make("public String note;", item));
                    item.addField(CtField.make("public int rank;", item));
                }
                item.addConstructor(CtNewConstructor.defaultConstructor(item));
                CtClass catalog = pool.makeInterface(PACKAGE + "Catalog");
                catalog.addMethod(
                        CtNewMethod.abstractMethod(item, "find", new CtClass[] {CtClass.longType}, null, catalog));
                BuildLoader loader = new BuildLoader();
                Class<?> itemClass = loader.define(item);
                Class<?> catalogClass = loader.define(catalog);
                ServiceDescriptor service = ServiceDescriptor.of(catalogClass);
                DeserializationPolicy policy =
                        ClassAllowList.builder().allowTypesOf(service).build();
                return new Build(itemClass, new ForySerializer().forService(service, policy), policy);
            } catch (CannotCompileException | NotFoundException | IOException e) {
                throw new IllegalStateException("cannot generate a build of the catalog", e);
            }
        }

        Object item(long id, String name) throws ReflectiveOperationException {
            Object value = item.getConstructor().newInstance();
            set(value, "id", id);
            set(value, "name", name);
            return value;
        }

        void set(Object value, String field, Object fieldValue) throws ReflectiveOperationException {
            item.getField(field).set(value, fieldValue);
        }

        Object get(Object value, String field) throws ReflectiveOperationException {
            Field declared = item.getField(field);
            return declared.get(value);
        }

        byte[] write(Object value) throws IOException {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Serializer.ValueWriter writer = fory.writer(ByteSink.of(out));
            writer.write(value, item);
            writer.flush();
            return out.toByteArray();
        }

        Object read(byte[] bytes) throws IOException {
            return fory.reader(ByteSource.of(new ByteArrayInputStream(bytes)), policy)
                    .read(item);
        }
    }

    /** Defines the classes of one build; its parent is the test's loader. */
    private static final class BuildLoader extends ClassLoader {

        BuildLoader() {
            super(ForyEvolutionTest.class.getClassLoader());
        }

        Class<?> define(CtClass type) throws IOException, CannotCompileException {
            byte[] bytes = type.toBytecode();
            return defineClass(type.getName(), bytes, 0, bytes.length);
        }
    }
}
