package io.courier.registry.kubernetes.internal;

import io.courier.api.Endpoint;
import io.courier.api.ServiceInstance;
import io.courier.api.ServiceKey;
import io.courier.core.document.DocumentException;
import io.courier.core.document.InstanceCodec;
import io.courier.core.document.Interner;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointConditions;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The providers one EndpointSlice holds for a service: each address of each endpoint that is ready
 * and not terminating, at the slice's port named {@value SliceLayout#PORT_NAME}. A slice Courier
 * wrote carries the instance itself; a Service's own slice gives instances with the subscribed
 * service, the Service's name as application and default weight. A slice without the named port, or
 * whose instance does not decode, gives none and is logged.
 */
final class SliceReader {

    private static final Logger log = LoggerFactory.getLogger(SliceReader.class);

    private final ServiceKey serviceKey;
    private final Interner interner = new Interner();

    SliceReader(ServiceKey serviceKey) {
        this.serviceKey = serviceKey;
    }

    List<ServiceInstance> read(EndpointSlice slice) {
        Integer port = courierPort(slice);
        if (port == null || slice.getEndpoints() == null) {
            log.debug("EndpointSlice {} has no port named {}", name(slice), SliceLayout.PORT_NAME);
            return List.of();
        }
        ServiceInstance written = writtenInstance(slice);
        if (written == INVALID) {
            return List.of();
        }
        List<ServiceInstance> instances = new ArrayList<>();
        for (var endpoint : slice.getEndpoints()) {
            if (!serving(endpoint.getConditions()) || endpoint.getAddresses() == null) {
                continue;
            }
            for (String address : endpoint.getAddresses()) {
                Endpoint at = Endpoint.of(address, port);
                if (written == null) {
                    instances.add(ServiceInstance.builder(serviceKey, at)
                            .application(interner.intern(serviceName(slice)))
                            .build());
                } else if (written.endpoint().equals(at)) {
                    instances.add(written);
                }
            }
        }
        return instances;
    }

    /** Ready (unknown counts as ready, as Kubernetes says) and not terminating: a draining endpoint gets no new calls. */
    static boolean serving(EndpointConditions conditions) {
        if (conditions == null) {
            return true;
        }
        return !Boolean.FALSE.equals(conditions.getReady()) && !Boolean.TRUE.equals(conditions.getTerminating());
    }

    private static Integer courierPort(EndpointSlice slice) {
        if (slice.getPorts() == null) {
            return null;
        }
        for (EndpointPort port : slice.getPorts()) {
            if (SliceLayout.PORT_NAME.equals(port.getName())) {
                return port.getPort();
            }
        }
        return null;
    }

    private static final ServiceInstance INVALID = ServiceInstance.builder(
                    ServiceKey.parse("invalid"), Endpoint.of("invalid", 1))
            .build();

    /** The instance a Courier slice carries, null for a Service's own slice, {@link #INVALID} if unreadable. */
    private ServiceInstance writtenInstance(EndpointSlice slice) {
        Map<String, String> annotations = slice.getMetadata().getAnnotations();
        String data = annotations == null ? null : annotations.get(SliceLayout.INSTANCE_ANNOTATION);
        if (data == null) {
            return null;
        }
        try {
            ServiceInstance instance = InstanceCodec.decode(data.getBytes(StandardCharsets.UTF_8), interner);
            if (instance.serviceKey().equals(serviceKey)) {
                return instance;
            }
            log.warn("EndpointSlice {} is labelled for {} but holds {}; skipped", name(slice), serviceKey, instance);
        } catch (DocumentException e) {
            log.warn("EndpointSlice {} holds an unreadable instance; skipped: {}", name(slice), e.getMessage());
        }
        return INVALID;
    }

    /** The instance a Courier slice carries, whatever service; empty for a Service's own slice or an unreadable one. */
    static Optional<ServiceInstance> anyWrittenInstance(EndpointSlice slice) {
        Map<String, String> annotations = slice.getMetadata().getAnnotations();
        String data = annotations == null ? null : annotations.get(SliceLayout.INSTANCE_ANNOTATION);
        if (data == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(InstanceCodec.decode(data.getBytes(StandardCharsets.UTF_8), new Interner()));
        } catch (DocumentException e) {
            return Optional.empty();
        }
    }

    private static String serviceName(EndpointSlice slice) {
        Map<String, String> labels = slice.getMetadata().getLabels();
        String service = labels == null ? null : labels.get(SliceLayout.SERVICE_NAME_LABEL);
        return service == null ? "" : service;
    }

    private static String name(EndpointSlice slice) {
        return slice.getMetadata().getName();
    }
}
