/** How the demo jar starts: on Java 24+ in a child JVM that prints no {@code sun.misc.Unsafe} warning. */
package io.courier.demo.launch;
