package io.courier.registry.kubernetes;

import io.courier.api.Endpoint;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A {@code kubernetes://[host:port][/namespace]} address: without a server, the client's own
 * configuration (in a pod, its service account; elsewhere {@code ~/.kube/config} or {@code
 * KUBECONFIG}); with one, plain HTTP to that API server, as {@code kubectl proxy} serves it. Without a
 * namespace, the configuration's (in a pod, the pod's own).
 */
record KubernetesAddress(Optional<Endpoint> server, Optional<String> namespace) {

    static final String SCHEME = "kubernetes://";
    private static final Pattern NAMESPACE = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
    private static final String EXPECTED = " (expected: kubernetes://[host:port][/namespace])";

    static KubernetesAddress parse(String address) {
        if (!address.startsWith(SCHEME)) {
            throw new IllegalArgumentException("address: '" + address + "'" + EXPECTED);
        }
        String rest = address.substring(SCHEME.length());
        int slash = rest.indexOf('/');
        String server = slash < 0 ? rest : rest.substring(0, slash);
        String namespace = slash < 0 ? "" : rest.substring(slash + 1);
        if (!namespace.isEmpty() && !NAMESPACE.matcher(namespace).matches()) {
            throw new IllegalArgumentException("address: '" + address + "'" + EXPECTED
                    + "; the namespace must be a DNS label: up to 63 of a-z 0-9 -");
        }
        try {
            return new KubernetesAddress(
                    server.isEmpty() ? Optional.empty() : Optional.of(Endpoint.parse(server)),
                    namespace.isEmpty() ? Optional.empty() : Optional.of(namespace));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("address: '" + address + "'" + EXPECTED, e);
        }
    }
}
