/**
 * The mock server: serves service interfaces from JSON stub files through the registry, reloading
 * a file when it changes. See {@code docs/testing.md}.
 */
package io.courier.mockserver;
