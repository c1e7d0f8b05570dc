/** Checks that the documentation's code is the examples' code, which the build compiles. */
package io.courier.examples.docs;
