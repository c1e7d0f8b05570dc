package io.courier.bootstrap;

import io.courier.api.Endpoint;
import io.courier.api.ServiceKey;
import io.courier.bootstrap.internal.export.ExportDefinition;
import io.courier.bootstrap.internal.export.ServiceExporter;
import io.courier.bootstrap.internal.lifecycle.Infrastructure;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The services one application exports, each service key once. Thread-safe. */
final class ExportedServices {

    private static final Logger log = LoggerFactory.getLogger(Courier.class);

    private final ServiceExporter exporter;
    /** Its own lock, so that reading the keys never waits for an export being made. */
    private final Set<ServiceKey> exported = Collections.synchronizedSet(new LinkedHashSet<>());

    ExportedServices(Infrastructure infrastructure) {
        this.exporter = new ServiceExporter(infrastructure);
    }

    /**
     * Exports {@code definition} once {@code inject} filled its implementation's references.
     *
     * @throws ConfigurationException if its service key is already exported
     */
    synchronized void export(ExportDefinition definition, Consumer<Object> inject) {
        if (!exported.add(definition.key())) {
            throw new ConfigurationException("service " + definition.key() + " is already exported by this"
                    + " application (expected: one export per service key; give one a different group or version)");
        }
        inject.accept(definition.implementation());
        Endpoint endpoint = exporter.export(definition);
        log.info(
                "Exported {} ({}) on {}",
                definition.key(),
                definition.implementation().getClass().getName(),
                endpoint);
    }

    /** The service keys exported so far (or being exported), in order. */
    List<ServiceKey> keys() {
        synchronized (exported) {
            return List.copyOf(exported);
        }
    }
}
