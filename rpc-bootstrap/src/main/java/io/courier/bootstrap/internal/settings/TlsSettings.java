package io.courier.bootstrap.internal.settings;

import io.courier.api.config.ConfigKey;
import io.courier.bootstrap.ConfigurationException;
import io.courier.bootstrap.config.ClientKeys;
import io.courier.bootstrap.config.ServerKeys;
import io.courier.bootstrap.internal.config.Settings;
import io.courier.transport.TlsOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Builds the server's and the client's {@link TlsOptions} from the {@code courier.server.tls.*} and
 * {@code courier.client.tls.*} keys, and checks them at start-up: the keys that belong together, and
 * that every file exists and holds what it should, so that a wrong certificate fails {@code start()}
 * naming the key and the path instead of failing every handshake later.
 */
public final class TlsSettings {

    private TlsSettings() {}

    /** The provider side's TLS; {@link TlsOptions#DISABLED} unless {@code courier.server.tls.enabled}. */
    static TlsOptions server(Settings settings) {
        if (!settings.get(ServerKeys.SERVER_TLS_ENABLED)) {
            return TlsOptions.DISABLED;
        }
        String password = settings.get(ServerKeys.SERVER_TLS_KEY_PASSWORD);
        return TlsOptions.builder()
                .enabled(true)
                .keyCertChain(
                        settings.get(ServerKeys.SERVER_TLS_CERT_CHAIN_FILE),
                        settings.get(ServerKeys.SERVER_TLS_KEY_FILE),
                        password.isEmpty() ? null : password)
                .trustCertsFile(settings.get(ServerKeys.SERVER_TLS_TRUST_CERTS_FILE))
                .clientAuth(TlsOptions.ClientAuth.of(settings.get(ServerKeys.SERVER_TLS_CLIENT_AUTH)))
                .protocols(settings.get(ServerKeys.SERVER_TLS_PROTOCOLS))
                .handshakeTimeoutMillis(settings.get(ServerKeys.SERVER_TLS_HANDSHAKE_TIMEOUT_MILLIS))
                .build();
    }

    /** The consumer side's TLS; {@link TlsOptions#DISABLED} unless {@code courier.client.tls.enabled}. */
    static TlsOptions client(Settings settings) {
        if (!settings.get(ClientKeys.CLIENT_TLS_ENABLED)) {
            return TlsOptions.DISABLED;
        }
        String password = settings.get(ClientKeys.CLIENT_TLS_KEY_PASSWORD);
        return TlsOptions.builder()
                .enabled(true)
                .keyCertChain(
                        settings.get(ClientKeys.CLIENT_TLS_CERT_CHAIN_FILE),
                        settings.get(ClientKeys.CLIENT_TLS_KEY_FILE),
                        password.isEmpty() ? null : password)
                .trustCertsFile(settings.get(ClientKeys.CLIENT_TLS_TRUST_CERTS_FILE))
                .hostnameVerification(settings.get(ClientKeys.CLIENT_TLS_HOSTNAME_VERIFICATION))
                .protocols(settings.get(ClientKeys.CLIENT_TLS_PROTOCOLS))
                .handshakeTimeoutMillis(settings.get(ClientKeys.CLIENT_TLS_HANDSHAKE_TIMEOUT_MILLIS))
                .build();
    }

    /**
     * Checks both sides' TLS keys and files.
     *
     * @throws ConfigurationException listing every problem, each naming its key
     */
    public static void check(Settings settings) {
        List<String> problems = new ArrayList<>();
        if (settings.get(ServerKeys.SERVER_TLS_ENABLED)) {
            checkServer(settings, problems);
        }
        if (settings.get(ClientKeys.CLIENT_TLS_ENABLED)) {
            checkClient(settings, problems);
        }
        if (!problems.isEmpty()) {
            throw new ConfigurationException(problems);
        }
    }

    private static void checkServer(Settings settings, List<String> problems) {
        int before = problems.size();
        for (ConfigKey<Path> key : List.of(ServerKeys.SERVER_TLS_CERT_CHAIN_FILE, ServerKeys.SERVER_TLS_KEY_FILE)) {
            if (settings.get(key) == null) {
                problems.add(key.name() + ": (none) (expected: a PEM file; " + ServerKeys.SERVER_TLS_ENABLED.name()
                        + " is true, and a TLS server needs its certificate chain and key)");
            }
        }
        if (!settings.get(ServerKeys.SERVER_TLS_CLIENT_AUTH).equals("none")
                && settings.get(ServerKeys.SERVER_TLS_TRUST_CERTS_FILE) == null) {
            problems.add(ServerKeys.SERVER_TLS_TRUST_CERTS_FILE.name() + ": (none) (expected: the PEM CA certificate(s)"
                    + " that sign client certificates, since " + ServerKeys.SERVER_TLS_CLIENT_AUTH.name() + " is "
                    + settings.get(ServerKeys.SERVER_TLS_CLIENT_AUTH) + ")");
        }
        checkFiles(
                settings,
                problems,
                ServerKeys.SERVER_TLS_CERT_CHAIN_FILE,
                ServerKeys.SERVER_TLS_KEY_FILE,
                ServerKeys.SERVER_TLS_TRUST_CERTS_FILE);
        if (problems.size() == before) {
            parse(() -> server(settings).checkForServer(), serverNames(), problems::add);
        }
    }

    private static void checkClient(Settings settings, List<String> problems) {
        int before = problems.size();
        Path chain = settings.get(ClientKeys.CLIENT_TLS_CERT_CHAIN_FILE);
        Path key = settings.get(ClientKeys.CLIENT_TLS_KEY_FILE);
        if ((chain == null) != (key == null)) {
            ConfigKey<Path> missing =
                    chain == null ? ClientKeys.CLIENT_TLS_CERT_CHAIN_FILE : ClientKeys.CLIENT_TLS_KEY_FILE;
            ConfigKey<Path> present =
                    chain == null ? ClientKeys.CLIENT_TLS_KEY_FILE : ClientKeys.CLIENT_TLS_CERT_CHAIN_FILE;
            problems.add(missing.name() + ": (none) (expected: set together with " + present.name()
                    + ", the client's certificate for mutual TLS)");
        }
        if (key == null && !settings.get(ClientKeys.CLIENT_TLS_KEY_PASSWORD).isEmpty()) {
            problems.add(ClientKeys.CLIENT_TLS_KEY_PASSWORD.name() + ": set without "
                    + ClientKeys.CLIENT_TLS_KEY_FILE.name() + " (expected: both or neither)");
        }
        checkFiles(
                settings,
                problems,
                ClientKeys.CLIENT_TLS_CERT_CHAIN_FILE,
                ClientKeys.CLIENT_TLS_KEY_FILE,
                ClientKeys.CLIENT_TLS_TRUST_CERTS_FILE);
        if (problems.size() == before) {
            parse(() -> client(settings).checkForClient(), clientNames(), problems::add);
        }
    }

    @SafeVarargs
    private static void checkFiles(Settings settings, List<String> problems, ConfigKey<Path>... keys) {
        for (ConfigKey<Path> key : keys) {
            Path file = settings.get(key);
            if (file == null) {
                continue;
            }
            if (!Files.isRegularFile(file)) {
                problems.add(key.name() + ": '" + file + "' (expected: an existing file; not found) ["
                        + settings.origin(key.name()) + "]");
            } else if (!Files.isReadable(file)) {
                problems.add(key.name() + ": '" + file + "' (expected: a readable file; permission denied) ["
                        + settings.origin(key.name()) + "]");
            }
        }
    }

    /** Reads and parses the files as the transport will, turning its option names into key names. */
    private static void parse(Runnable build, Map<String, String> names, Consumer<String> problems) {
        try {
            build.run();
        } catch (IllegalArgumentException e) {
            problems.accept(rename(e.getMessage(), names));
        }
    }

    /** {@code tls.keyFile: ...} as {@code courier.server.tls.key-file: ...}; longest names first. */
    static String rename(String message, Map<String, String> names) {
        String renamed = message;
        for (String option : List.of(
                "tls.handshakeTimeoutMillis",
                "tls.hostnameVerification",
                "tls.trustCertsFile",
                "tls.certChainFile",
                "tls.keyPassword",
                "tls.clientAuth",
                "tls.protocols",
                "tls.keyFile")) {
            String key = names.get(option);
            if (key != null) {
                renamed = renamed.replace(option, key);
            }
        }
        return renamed;
    }

    private static Map<String, String> serverNames() {
        return Map.of(
                "tls.certChainFile", ServerKeys.SERVER_TLS_CERT_CHAIN_FILE.name(),
                "tls.keyFile", ServerKeys.SERVER_TLS_KEY_FILE.name(),
                "tls.keyPassword", ServerKeys.SERVER_TLS_KEY_PASSWORD.name(),
                "tls.trustCertsFile", ServerKeys.SERVER_TLS_TRUST_CERTS_FILE.name(),
                "tls.clientAuth", ServerKeys.SERVER_TLS_CLIENT_AUTH.name(),
                "tls.protocols", ServerKeys.SERVER_TLS_PROTOCOLS.name(),
                "tls.handshakeTimeoutMillis", ServerKeys.SERVER_TLS_HANDSHAKE_TIMEOUT_MILLIS.name());
    }

    private static Map<String, String> clientNames() {
        return Map.of(
                "tls.certChainFile", ClientKeys.CLIENT_TLS_CERT_CHAIN_FILE.name(),
                "tls.keyFile", ClientKeys.CLIENT_TLS_KEY_FILE.name(),
                "tls.keyPassword", ClientKeys.CLIENT_TLS_KEY_PASSWORD.name(),
                "tls.trustCertsFile", ClientKeys.CLIENT_TLS_TRUST_CERTS_FILE.name(),
                "tls.hostnameVerification", ClientKeys.CLIENT_TLS_HOSTNAME_VERIFICATION.name(),
                "tls.protocols", ClientKeys.CLIENT_TLS_PROTOCOLS.name(),
                "tls.handshakeTimeoutMillis", ClientKeys.CLIENT_TLS_HANDSHAKE_TIMEOUT_MILLIS.name());
    }
}
