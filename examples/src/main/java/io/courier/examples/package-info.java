/**
 * The code of Courier's user guide and extension guide, written against the public API only; every
 * example is run over real sockets by this module's tests.
 */
package io.courier.examples;
