/**
 * The application's own settings: declared keys and bound records, read from Courier's sources and
 * the configuration centre's document of the application, followed live, validated, cached.
 * Internal: may change at any time.
 */
package io.courier.bootstrap.internal.appconfig;
