package io.courier.bootstrap;

import io.courier.api.Reference;
import io.courier.api.ReferenceOptions;
import io.courier.bootstrap.internal.config.AnnotationOptions;
import io.courier.bootstrap.internal.config.Settings;
import io.courier.bootstrap.internal.refer.ReferenceFactory;
import io.courier.bootstrap.internal.refer.ReferenceFields;
import io.courier.bootstrap.internal.status.StatusSnapshot;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The proxies of one application, by interface and options: the same interface with the same options
 * gets the same proxy, which shares its directory and connections. Fills {@link Reference} fields with
 * them. Thread-safe.
 */
final class ReferenceCache {

    /** One cached proxy's key. */
    record ReferenceKey(Class<?> serviceInterface, ReferenceOptions options) {}

    private final Settings settings;
    private final ReferenceFactory references;
    private final Map<ReferenceKey, ReferenceFactory.Created> proxies =
            Collections.synchronizedMap(new LinkedHashMap<>());

    ReferenceCache(Settings settings, ReferenceFactory references) {
        this.settings = settings;
        this.references = references;
    }

    /** The proxy of {@code serviceInterface} with {@code options}, made on first use. */
    synchronized <T> T get(Class<T> serviceInterface, ReferenceOptions options, String where) {
        ReferenceKey key = new ReferenceKey(serviceInterface, options);
        ReferenceFactory.Created created = proxies.get(key);
        if (created == null) {
            created = references.create(serviceInterface, options, where);
            proxies.put(key, created);
        }
        return serviceInterface.cast(created.proxy());
    }

    /** The configured consumer options of {@code serviceInterface} with {@code attributes} applied on top. */
    ReferenceOptions annotated(Class<?> serviceInterface, Reference attributes, String where) {
        return AnnotationOptions.apply(
                attributes, CourierOptions.consumerDefaults(settings, serviceInterface.getName()), where);
    }

    /** Fills every {@link Reference} field of {@code target}, all checked before any is set. */
    <T> T inject(T target) {
        List<Field> fields = ReferenceFields.of(target.getClass());
        List<ReferenceOptions> resolved = new ArrayList<>(fields.size());
        for (Field field : fields) {
            resolved.add(
                    annotated(field.getType(), field.getAnnotation(Reference.class), ReferenceFields.describe(field)));
        }
        for (int i = 0; i < fields.size(); i++) {
            Field field = fields.get(i);
            Object proxy = get(field.getType(), resolved.get(i), ReferenceFields.describe(field));
            try {
                field.set(target, proxy);
            } catch (IllegalAccessException e) {
                throw new ConfigurationException(ReferenceFields.describe(field) + ": cannot be set: " + e);
            }
        }
        return target;
    }

    /** Every proxy made so far, as the status reads them; never waits for one being made. */
    List<StatusSnapshot.Held> held() {
        List<StatusSnapshot.Held> held = new ArrayList<>();
        synchronized (proxies) {
            proxies.forEach(
                    (key, made) -> held.add(new StatusSnapshot.Held(key.serviceInterface(), key.options(), made)));
        }
        return held;
    }
}
