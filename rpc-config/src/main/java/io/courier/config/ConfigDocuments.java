package io.courier.config;

import io.courier.api.DynamicConfig;
import io.courier.api.LiveKeys;
import io.courier.api.cluster.LoadBalancer;
import io.courier.api.config.ConfigValueException;
import io.courier.api.store.DocumentStore;
import io.courier.api.store.InvalidDocumentException;
import io.courier.spi.ExtensionLoader;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Validates a configuration document with the parser the applications read it with (the registry
 * store's {@link DocumentStore#parse}), plus what only a writer can check (a load balancer name known
 * on this class path).
 */
final class ConfigDocuments {

    private final DocumentStore documents;

    ConfigDocuments(DocumentStore documents) {
        this.documents = documents;
    }

    /** The first defect of {@code text}, or empty if the applications would accept it. */
    Optional<String> problem(String text) {
        try {
            parse(text);
            return Optional.empty();
        } catch (InvalidDocumentException e) {
            return Optional.of(e.getMessage());
        }
    }

    /** {@code text} as the applications read it, if they would accept it. */
    DynamicConfig parse(String text) throws InvalidDocumentException {
        DynamicConfig config = documents.parse(text);
        String balancer = config.live().loadBalancer();
        if (!balancer.isEmpty()) {
            ExtensionLoader<LoadBalancer> balancers = ExtensionLoader.of(LoadBalancer.class);
            if (!balancers.names().isEmpty() && !balancers.has(balancer)) {
                // the key's message, with what only this class path knows as the expectation
                throw new InvalidDocumentException(ConfigValueException.format(
                        LiveKeys.LOAD_BALANCER.name(),
                        LiveKeys.LOAD_BALANCER.type().show(balancer),
                        "one of " + String.join(", ", new TreeSet<>(balancers.names())),
                        "document field config.load-balancer"));
            }
        }
        return config;
    }
}
