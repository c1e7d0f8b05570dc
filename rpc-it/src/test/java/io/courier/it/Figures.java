package io.courier.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The figures one scenario measured, printed to the test log and appended as one line to the
 * suite's figures file ({@code target/reliability-figures.md}, from which {@code docs/operations.md}
 * quotes).
 */
public final class Figures {

    private static final Logger log = LoggerFactory.getLogger(Figures.class);

    private final String scenario;
    private final Map<String, Object> values = new LinkedHashMap<>();

    private Figures(String scenario) {
        this.scenario = scenario;
    }

    public static Figures of(String scenario) {
        return new Figures(scenario);
    }

    public Figures put(String name, Object value) {
        values.put(name, value);
        return this;
    }

    /** Calls, failures by code and calls per provider of {@code load}. */
    Figures load(Load load) {
        return put("calls", load.completed())
                .put("failures", load.failures().size())
                .put("failures by code", load.failuresByCode())
                .put("served by", load.servedByProvider())
                .put("slowest call ms", load.maxMillis());
    }

    /** Logs the figures and appends them to the figures file. */
    public void print() {
        StringBuilder line = new StringBuilder("| ").append(scenario).append(" |");
        values.forEach((name, value) ->
                line.append(' ').append(name).append(": ").append(value).append(';'));
        line.append(" |");
        log.info("FIGURES {}", line);
        String file = System.getProperty("it.figures", "target/reliability-figures.md");
        try {
            Path path = Path.of(file);
            Files.createDirectories(path.toAbsolutePath().getParent());
            Files.writeString(
                    path, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            log.warn("cannot append to the figures file {}", file, e);
        }
    }
}
