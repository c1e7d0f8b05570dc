package io.courier.bootstrap.internal.settings;

import io.courier.bootstrap.ConfigurationException;
import io.courier.bootstrap.config.RegistryKeys;
import io.courier.bootstrap.internal.config.Settings;
import io.courier.cluster.ClusterOptions;

/** The {@code courier.cluster.*} keys as the cluster layer's {@link ClusterOptions}. */
public final class ClusterSettings {

    private ClusterSettings() {}

    /**
     * @throws ConfigurationException if the longest ejection is shorter than the first
     */
    public static ClusterOptions from(Settings settings) {
        long ejection = settings.get(RegistryKeys.CLUSTER_EJECTION_MILLIS);
        long maxEjection = settings.get(RegistryKeys.CLUSTER_MAX_EJECTION_MILLIS);
        if (maxEjection < ejection) {
            throw new ConfigurationException(RegistryKeys.CLUSTER_MAX_EJECTION_MILLIS.name() + ": " + maxEjection
                    + " (expected: at least " + RegistryKeys.CLUSTER_EJECTION_MILLIS.name() + ", " + ejection + ")");
        }
        return ClusterOptions.builder()
                .retryBudgetPercent(settings.get(RegistryKeys.CLUSTER_RETRY_BUDGET_PERCENT))
                .retryBudgetMinPerSecond(settings.get(RegistryKeys.CLUSTER_RETRY_BUDGET_MIN_PER_SECOND))
                .ejectionMillis(ejection)
                .maxEjectionMillis(maxEjection)
                .refusalsBeforeEjection(settings.get(RegistryKeys.CLUSTER_REFUSALS_BEFORE_EJECTION))
                .hedgingDelayMillis(settings.get(RegistryKeys.CLUSTER_HEDGING_DELAY_MILLIS))
                .hedgingPercentile(settings.get(RegistryKeys.CLUSTER_HEDGING_PERCENTILE))
                .hedgingBudgetPercent(settings.get(RegistryKeys.CLUSTER_HEDGING_BUDGET_PERCENT))
                .build();
    }
}
