package io.courier.config;

import io.courier.api.cluster.LoadBalancer;
import io.courier.registry.zookeeper.internal.ConfigParser;
import io.courier.registry.zookeeper.internal.DocumentException;
import io.courier.spi.ExtensionLoader;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Validates a configuration document with the parser the applications read it with, plus what only
 * a writer can check (a load balancer name known on this class path).
 */
final class ConfigDocuments {

    private ConfigDocuments() {}

    /** The first defect of {@code text}, or empty if the applications would accept it. */
    static Optional<String> problem(String text) {
        if (text.length() > ConfigParser.MAX_CHARS) {
            // checked before encoding: a 10 MB document costs nothing more than its length
            return Optional.of(
                    "config: " + text.length() + " characters (expected: at most " + ConfigParser.MAX_CHARS + ")");
        }
        try {
            String balancer = ConfigParser.parse(text.getBytes(StandardCharsets.UTF_8))
                    .live()
                    .loadBalancer();
            if (!balancer.isEmpty()) {
                ExtensionLoader<LoadBalancer> balancers = ExtensionLoader.of(LoadBalancer.class);
                if (!balancers.names().isEmpty() && !balancers.has(balancer)) {
                    return Optional.of("config.loadBalancer: '" + balancer + "' (expected one of: "
                            + String.join(", ", new TreeSet<>(balancers.names())) + ")");
                }
            }
            return Optional.empty();
        } catch (DocumentException e) {
            return Optional.of(e.getMessage());
        }
    }
}
