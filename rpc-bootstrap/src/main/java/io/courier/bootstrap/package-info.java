/** The entry point: configuration, annotation scanning, export and reference wiring, lifecycle. */
package io.courier.bootstrap;
