package io.courier.spring.boot.autoconfigure;

import io.courier.bootstrap.ConfigurationException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns Courier's {@link ConfigurationException}, wherever it is in the chain of causes, into Spring
 * Boot's start-up report: one line per problem, each naming the key (or annotated element), the
 * value, what is expected and where the value was set.
 */
final class CourierFailureAnalyzer extends AbstractFailureAnalyzer<ConfigurationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ConfigurationException cause) {
        StringBuilder description = new StringBuilder("Courier refused to start: its configuration is invalid.\n");
        for (String problem : cause.problems()) {
            description.append("\n    - ").append(problem);
        }
        String action = "Correct the value of each key listed above (in application.yml or .properties, a profile,"
                + " a system property or an environment variable, as shown in brackets) or the annotation"
                + " attribute named. Every courier.* key, its type and its default are listed in"
                + " docs/configuration.md.";
        return new FailureAnalysis(description.toString(), action, cause);
    }
}
