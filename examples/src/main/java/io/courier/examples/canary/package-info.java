/** A canary instance of the user guide's service, for docs/user-guide.md section 7. */
package io.courier.examples.canary;
