package io.courier.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The docs page, a plain HTML file with its script inline, served from the jar; read once. */
final class DocsPage {

    private static final byte[] HTML = load();

    private DocsPage() {}

    static byte[] html() {
        return HTML;
    }

    private static byte[] load() {
        try (InputStream in = DocsPage.class.getResourceAsStream("docs.html")) {
            if (in == null) {
                throw new IllegalStateException("docs.html is missing from the gateway's jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
