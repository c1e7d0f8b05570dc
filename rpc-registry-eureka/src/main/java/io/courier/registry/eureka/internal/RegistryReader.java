package io.courier.registry.eureka.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.courier.api.Endpoint;
import io.courier.api.ServiceInstance;
import io.courier.api.ServiceKey;
import io.courier.api.registry.RegistryOptions;
import io.courier.core.document.DocumentException;
import io.courier.core.document.InstanceCodec;
import io.courier.core.document.Interner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads Eureka's whole registry ({@code GET /apps}) into the providers of each service under one root:
 * the instances whose status is {@code UP} (a {@code DOWN}, {@code STARTING} or {@code OUT_OF_SERVICE}
 * instance gets no calls), in the {@link EurekaLayout}. Each list is sorted by host and port.
 *
 * <p>Instance documents are decoded once: a document seen in the previous read is taken from it. Not
 * thread-safe; confined to the poller's thread.
 */
final class RegistryReader {

    private static final Logger log = LoggerFactory.getLogger(RegistryReader.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Comparator<ServiceInstance> BY_ENDPOINT = Comparator.comparing(
            ServiceInstance::endpoint, Comparator.comparing(Endpoint::host).thenComparingInt(Endpoint::port));

    private final String root;
    private final Interner interner = new Interner();
    private Map<String, ServiceInstance> decoded = new HashMap<>();

    RegistryReader(String root) {
        this.root = root;
    }

    /** @throws IOException if the answer is no JSON of Eureka's shape */
    Map<ServiceKey, List<ServiceInstance>> read(byte[] registry) throws IOException {
        JsonNode applications = JSON.readTree(registry).path("applications");
        if (!applications.isObject()) {
            throw new IOException("no 'applications' in the registry's answer");
        }
        Map<String, ServiceInstance> seen = new HashMap<>();
        Map<ServiceKey, List<ServiceInstance>> byService = new HashMap<>();
        for (JsonNode application : elements(applications.path("application"))) {
            for (JsonNode instance : elements(application.path("instance"))) {
                if ("UP".equals(instance.path("status").asText())) {
                    for (ServiceInstance provider : providers(instance, seen)) {
                        byService
                                .computeIfAbsent(provider.serviceKey(), key -> new ArrayList<>())
                                .add(provider);
                    }
                }
            }
        }
        decoded = seen;
        Map<ServiceKey, List<ServiceInstance>> sorted = new HashMap<>();
        byService.forEach((key, list) -> {
            list.sort(BY_ENDPOINT);
            sorted.put(key, List.copyOf(list));
        });
        return sorted;
    }

    /** The providers one Eureka instance holds under this root. */
    private List<ServiceInstance> providers(JsonNode instance, Map<String, ServiceInstance> seen) {
        JsonNode metadata = instance.path("metadata");
        String instanceRoot = metadata.path(EurekaLayout.ROOT_KEY).asText(RegistryOptions.DEFAULT_ROOT);
        String services = metadata.path(EurekaLayout.SERVICES_KEY).asText("");
        if (!root.equals(instanceRoot) || services.isBlank()) {
            return List.of();
        }
        List<ServiceInstance> providers = new ArrayList<>();
        for (Map.Entry<String, JsonNode> field : metadata.properties()) {
            if (field.getKey().startsWith(EurekaLayout.INSTANCE_KEY_PREFIX)) {
                ServiceInstance provider = decode(field.getValue().asText(), seen, instance);
                if (provider != null) {
                    providers.add(provider);
                }
            }
        }
        return providers.isEmpty() ? declared(instance, services) : providers;
    }

    private ServiceInstance decode(String document, Map<String, ServiceInstance> seen, JsonNode instance) {
        ServiceInstance provider = decoded.get(document);
        if (provider == null) {
            try {
                provider = InstanceCodec.decode(document.getBytes(StandardCharsets.UTF_8), interner);
            } catch (DocumentException e) {
                log.warn(
                        "Eureka instance {} holds an unreadable Courier instance; skipped: {}",
                        id(instance),
                        e.getMessage());
                return null;
            }
        }
        seen.put(document, provider);
        return provider;
    }

    /** An instance some other Eureka client registered: its declared service keys at its address. */
    private List<ServiceInstance> declared(JsonNode instance, String services) {
        String host = instance.path("ipAddr").asText(instance.path("hostName").asText(""));
        JsonNode metadata = instance.path("metadata");
        String port = metadata.path(EurekaLayout.PORT_KEY)
                .asText(instance.path("port").path("$").asText(""));
        List<ServiceInstance> providers = new ArrayList<>();
        try {
            Endpoint endpoint = Endpoint.of(host, Integer.parseInt(port));
            String application = interner.intern(instance.path("app").asText("").toLowerCase(Locale.ROOT));
            for (String key : services.split(",")) {
                if (!key.isBlank()) {
                    ServiceKey serviceKey = interner.intern(ServiceKey.parse(key.strip()));
                    providers.add(ServiceInstance.builder(serviceKey, endpoint)
                            .application(application)
                            .build());
                }
            }
        } catch (IllegalArgumentException e) {
            log.warn(
                    "Eureka instance {} declares Courier services but no usable address; skipped: {}",
                    id(instance),
                    e.getMessage());
            return List.of();
        }
        return providers;
    }

    private static Iterable<JsonNode> elements(JsonNode node) {
        if (node.isArray()) {
            return node;
        }
        return node.isObject() ? List.of(node) : List.of();
    }

    private static String id(JsonNode instance) {
        return instance.path("app").asText() + "/" + instance.path("instanceId").asText();
    }
}
