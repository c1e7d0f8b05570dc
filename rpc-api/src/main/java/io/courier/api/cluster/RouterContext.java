package io.courier.api.cluster;

import io.courier.api.DynamicConfig;
import io.courier.api.ReferenceOptions;
import io.courier.api.ServiceKey;
import java.util.Objects;

/**
 * What a {@link Router} is bound to: one consumer's reference to one service, under one version of
 * the service's dynamic configuration. Immutable.
 *
 * @param serviceKey the service referred to
 * @param options the reference's options (default tag, whether tags are forced, ...)
 * @param application the consumer application's name; empty if unknown
 * @param host the consumer's own host address, as condition rules match it; empty if unknown
 * @param config the dynamic configuration in force ({@link DynamicConfig#EMPTY} when none was
 *     published)
 */
public record RouterContext(
        ServiceKey serviceKey, ReferenceOptions options, String application, String host, DynamicConfig config) {

    public RouterContext {
        Objects.requireNonNull(serviceKey, "serviceKey");
        Objects.requireNonNull(options, "options");
        application = application == null ? "" : application;
        host = host == null ? "" : host;
        Objects.requireNonNull(config, "config");
    }
}
