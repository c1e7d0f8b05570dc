package io.courier.spring.boot.autoconfigure.greeting;

import io.courier.spring.boot.autoconfigure.CourierLifecycle;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.health.Status;
import org.springframework.context.SmartLifecycle;

/** Records the {@code courier} health as the context starts, in the phase just before Courier's exports. */
public class HealthProbe implements SmartLifecycle {

    private final ObjectProvider<HealthEndpoint> health;
    private volatile Status beforeExport;
    private volatile boolean running;

    public HealthProbe(ObjectProvider<HealthEndpoint> health) {
        this.health = health;
    }

    @Override
    public void start() {
        beforeExport = health.getObject().healthForPath("courier").getStatus();
        running = true;
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return CourierLifecycle.PHASE - 1;
    }

    /** The status seen before the services were exported. */
    public Status beforeExport() {
        return beforeExport;
    }
}
