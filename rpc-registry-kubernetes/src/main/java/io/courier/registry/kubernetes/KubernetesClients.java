package io.courier.registry.kubernetes;

import io.courier.api.registry.RegistryOptions;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.okhttp.OkHttpClientFactory;

/** Builds the fabric8 client of an address, on OkHttp, with the registry's timeouts. */
final class KubernetesClients {

    static final long MIN_REQUEST_TIMEOUT_MILLIS = 10_000;

    private KubernetesClients() {}

    static KubernetesClient build(KubernetesAddress address, RegistryOptions options) {
        Config base = address.server().isPresent() ? Config.empty() : Config.autoConfigure(null);
        ConfigBuilder config = new ConfigBuilder(base)
                .withConnectionTimeout(Math.toIntExact(options.connectionTimeoutMillis()))
                // a first list of thousands of slices takes a while: a request is given up on after 10 s at least
                .withRequestTimeout(
                        Math.toIntExact(Math.max(MIN_REQUEST_TIMEOUT_MILLIS, options.connectionTimeoutMillis())))
                // the registry retries on its own schedule; fabric8's own retries would only delay that
                .withRequestRetryBackoffLimit(0);
        address.server().ifPresent(server -> config.withMasterUrl("http://" + server));
        address.namespace().ifPresent(config::withNamespace);
        if (base.getNamespace() == null && address.namespace().isEmpty()) {
            config.withNamespace("default");
        }
        return new KubernetesClientBuilder()
                .withConfig(config.build())
                .withHttpClientFactory(new OkHttpClientFactory())
                .build();
    }
}
