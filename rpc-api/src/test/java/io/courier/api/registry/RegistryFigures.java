package io.courier.api.registry;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The figures the registry contracts measure, one parseable line each, for {@code
 * docs/benchmarks.md}: {@code registry-figure registry=<name> figure=<name> [<key=value>] value=<n>}.
 * Reported, never asserted (the contracts assert generous bounds separately).
 */
final class RegistryFigures {

    private static final Logger log = LoggerFactory.getLogger(RegistryFigures.class);

    private RegistryFigures() {}

    static void report(RegistryHarness harness, String figure, String detail, Object value) {
        log.info("registry-figure registry={} figure={} {} value={}", harness.name(), figure, detail, value);
    }
}
