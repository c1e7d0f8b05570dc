package io.courier.bootstrap.internal.refer;

import com.fasterxml.jackson.databind.JsonNode;
import io.courier.protocol.json.ServiceMetadata;
import io.courier.protocol.json.ServiceMetadata.MethodMetadata;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Merges the metadata versions of one service (a rolling deploy publishes two): every method of
 * every version, by descriptor, the version read first winning where both have one; definitions
 * likewise. A document that does not parse is logged and skipped. Stateless.
 */
public final class MetadataVersions {

    private static final Logger log = LoggerFactory.getLogger(MetadataVersions.class);

    private MetadataVersions() {}

    static Optional<ServiceMetadata> merged(Map<String, byte[]> documents) {
        List<ServiceMetadata> versions = new ArrayList<>();
        for (Map.Entry<String, byte[]> entry : documents.entrySet()) {
            try {
                versions.add(ServiceMetadata.parse(entry.getValue()));
            } catch (IllegalArgumentException e) {
                log.warn("Skipped service metadata {}: {}", entry.getKey(), e.getMessage());
            }
        }
        if (versions.isEmpty()) {
            return Optional.empty();
        }
        if (versions.size() == 1) {
            return Optional.of(versions.get(0));
        }
        Map<String, MethodMetadata> methods = new LinkedHashMap<>();
        ServiceMetadata first = versions.get(0);
        var definitions = first.definitions().deepCopy();
        for (ServiceMetadata version : versions) {
            version.methods().forEach(method -> methods.putIfAbsent(method.descriptor(), method));
            for (Map.Entry<String, JsonNode> definition : version.definitions().properties()) {
                if (!definitions.has(definition.getKey())) {
                    definitions.set(definition.getKey(), definition.getValue());
                }
            }
        }
        List<MethodMetadata> sorted = new ArrayList<>(methods.values());
        sorted.sort(Comparator.comparing(MethodMetadata::descriptor));
        String digest = versions.stream()
                .map(ServiceMetadata::digest)
                .sorted()
                .reduce((a, b) -> a + "+" + b)
                .orElseThrow();
        return Optional.of(new ServiceMetadata(first.service(), sorted, definitions, digest));
    }
}
