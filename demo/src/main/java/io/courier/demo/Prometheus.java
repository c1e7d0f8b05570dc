package io.courier.demo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads a Prometheus text exposition: the demo scrapes order-service like Prometheus would. */
final class Prometheus {

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI uri;

    Prometheus(String url) {
        this.uri = URI.create(url);
    }

    /** The body of one scrape. */
    String scrape() throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + uri + " answered " + response.statusCode());
        }
        return response.body();
    }

    /** The sum of the samples of {@code metric} whose labels contain every {@code fragment}. */
    static double sum(String body, String metric, String... fragments) {
        double total = 0;
        for (Map.Entry<String, Double> sample : samples(body, metric).entrySet()) {
            if (containsAll(sample.getKey(), fragments)) {
                total += sample.getValue();
            }
        }
        return total;
    }

    /** The samples of {@code metric}: label text ({@code {a="b",...}} or empty) to value. */
    static Map<String, Double> samples(String body, String metric) {
        Map<String, Double> samples = new LinkedHashMap<>();
        for (String line : body.split("\n")) {
            if (line.startsWith(metric + "{") || line.startsWith(metric + " ")) {
                int space = line.lastIndexOf(' ');
                samples.put(
                        line.substring(metric.length(), space).trim(), Double.parseDouble(line.substring(space + 1)));
            }
        }
        return samples;
    }

    private static boolean containsAll(String labels, String... fragments) {
        for (String fragment : fragments) {
            if (!labels.contains(fragment)) {
                return false;
            }
        }
        return true;
    }
}
