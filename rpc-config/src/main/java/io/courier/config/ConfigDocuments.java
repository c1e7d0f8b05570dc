package io.courier.config;

import io.courier.api.DynamicConfig;
import io.courier.api.LiveKeys;
import io.courier.api.cluster.LoadBalancer;
import io.courier.api.config.ConfigValueException;
import io.courier.api.config.KeyDeclarations;
import io.courier.api.store.DocumentKey;
import io.courier.api.store.DocumentStore;
import io.courier.api.store.InvalidDocumentException;
import io.courier.spi.ExtensionLoader;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Validates a configuration document with the parser the applications read it with (the registry
 * store's {@link DocumentStore#parse}), plus what only a writer can check: a load balancer name known
 * on this class path, and an application document's {@code settings} against the keys the
 * application declared ({@link KeyDeclarations#problem}), when it published them.
 */
final class ConfigDocuments {

    private static final Logger log = LoggerFactory.getLogger(ConfigDocuments.class);

    private final DocumentStore documents;

    ConfigDocuments(DocumentStore documents) {
        this.documents = documents;
    }

    /** The first defect of {@code text} as the document of {@code key}, or empty if it may be written. */
    Optional<String> problem(DocumentKey key, String text) {
        try {
            parse(text);
        } catch (InvalidDocumentException e) {
            return Optional.of(e.getMessage());
        }
        Optional<KeyDeclarations> declared = declarations(key);
        if (declared.isEmpty()) {
            return Optional.empty();
        }
        try {
            for (Map.Entry<String, String> setting : documents.settings(text).entrySet()) {
                Optional<String> problem = declared.get().problem(setting.getKey(), setting.getValue());
                if (problem.isPresent()) {
                    return problem;
                }
            }
            return Optional.empty();
        } catch (InvalidDocumentException e) {
            return Optional.of(e.getMessage());
        }
    }

    /**
     * The key declarations the application of {@code key} published; empty for a service's document,
     * an application that published none, or a text that cannot be read (logged: writes are then
     * checked as for an application without declarations).
     */
    Optional<KeyDeclarations> declarations(DocumentKey key) {
        if (key.kind() != DocumentKey.Kind.APPLICATION) {
            return Optional.empty();
        }
        Optional<String> text = documents.declarations(key);
        try {
            return text.map(KeyDeclarations::decode);
        } catch (IllegalArgumentException e) {
            log.warn("Ignored the key declarations of {}: {}", key, e.getMessage());
            return Optional.empty();
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
