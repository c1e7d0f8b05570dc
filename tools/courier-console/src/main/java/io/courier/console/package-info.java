/**
 * The Courier web console: a registry's services, providers, consumers and live configuration in a
 * browser, with edits validated, versioned and audited. Start it with {@link io.courier.console.Console}
 * or {@code java -jar courier-console.jar}.
 */
package io.courier.console;
