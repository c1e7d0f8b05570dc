/** A Spring Boot application whose settings come from the configuration centre, for {@code CentreSettingsTest}. */
package io.courier.spring.boot.autoconfigure.settings;
