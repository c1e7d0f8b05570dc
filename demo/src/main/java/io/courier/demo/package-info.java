/** A runnable example system built on Courier. */
package io.courier.demo;
