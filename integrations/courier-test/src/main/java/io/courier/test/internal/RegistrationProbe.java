package io.courier.test.internal;

/**
 * Exported by every test provider after the test's services: registration is asynchronous, and once
 * a consumer can call this, the services registered before it are visible in the registry too.
 */
public interface RegistrationProbe {

    /** Answers {@code true}. */
    boolean registered();
}
