package io.courier.bootstrap.internal.settings;

import io.courier.api.ServiceInstance;
import io.courier.api.serialization.Serializer;
import io.courier.spi.ExtensionLoader;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code auto} serializer setting, the default of {@code courier.consumer.serializer} and the
 * first entry of {@code courier.provider.serializers}'s default: {@code fory}, then {@code
 * protostuff} ({@code protostuff} alone if fory is not on the class path), then {@code msgpack} if it
 * is there. A provider accepts and lists them all; a consumer writes fory to a provider that lists it (or whose list it cannot see, a
 * direct address) and protostuff to one that does not, so a consumer and a provider configured
 * apart, or of different Courier versions, still talk. Fory carries every value protostuff carries
 * (one it cannot write travels as a protostuff value inside its session). Names given explicitly are
 * taken as they are.
 *
 * <p>Fory's binding (its code generation, about a second for a JVM's first service) is kept off an
 * application's start: under {@code auto} it is bound in the background ({@link
 * #preparedInBackground}), and until it is ready a consumer writes protostuff to a provider that
 * lists protostuff ({@link #whileNotReady}); a provider reads a fory request that arrives earlier
 * once its own binding is done. Stateless.
 */
public final class AutoSerializers {

    /** The setting's name. */
    static final String AUTO = "auto";

    private static final String PREFERRED = "fory";
    private static final String FALLBACK = "protostuff";
    /** Last: a consumer under auto writes it only to a provider that lists neither fory nor protostuff. */
    private static final String SCHEMALESS = "msgpack";

    private AutoSerializers() {}

    /** {@code names} with {@code auto} replaced by what it stands for, preferred first and without repeats. */
    public static List<String> expand(List<String> names) {
        List<String> expanded = new ArrayList<>(names.size() + 1);
        for (String name : names) {
            if (name.equals(AUTO)) {
                if (ExtensionLoader.of(Serializer.class).has(PREFERRED)) {
                    add(expanded, PREFERRED);
                }
                add(expanded, FALLBACK);
                if (ExtensionLoader.of(Serializer.class).has(SCHEMALESS)) {
                    add(expanded, SCHEMALESS);
                }
            } else {
                add(expanded, name);
            }
        }
        return List.copyOf(expanded);
    }

    /**
     * The index in {@code choices} (a consumer's expanded setting, preferred first) of the serializer
     * to write to {@code instance}: the first one it lists; the first of all if it lists none of them
     * or lists nothing (a direct address), which a provider that does not accept it refuses unexecuted
     * ({@code BAD_REQUEST}, "serializer id N is not accepted").
     */
    public static int choiceFor(ServiceInstance instance, List<String> choices) {
        List<String> accepted = instance.serializers();
        for (int i = 0; i < choices.size(); i++) {
            if (accepted.contains(choices.get(i))) {
                return i;
            }
        }
        return 0;
    }

    /**
     * Whether {@code name}, one of the expansion of {@code configured}, is there for {@code auto}
     * with protostuff after it, so that it may be bound in the background ({@link
     * Serializer#prepareForService}): its failure to bind then leaves protostuff to carry the calls
     * instead of failing the export or reference. A serializer named explicitly is bound before
     * export or refer returns, and fails them if it cannot carry the service.
     */
    public static boolean preparedInBackground(List<String> configured, String name) {
        return name.equals(PREFERRED) && configured.contains(AUTO) && !configured.contains(PREFERRED);
    }

    /**
     * The index in {@code choices} of the serializer to write to {@code instance} while the one at
     * {@code choice} (from {@link #choiceFor}) is not {@linkplain Serializer#ready() ready}: the next
     * one {@code instance} lists, or -1 if it lists none after it, or lists nothing (a direct
     * address, whose list is not known: the call waits for the preferred one instead).
     */
    public static int whileNotReady(ServiceInstance instance, List<String> choices, int choice) {
        List<String> accepted = instance.serializers();
        for (int i = choice + 1; i < choices.size(); i++) {
            if (accepted.contains(choices.get(i))) {
                return i;
            }
        }
        return -1;
    }

    private static void add(List<String> names, String name) {
        if (!names.contains(name)) {
            names.add(name);
        }
    }
}
