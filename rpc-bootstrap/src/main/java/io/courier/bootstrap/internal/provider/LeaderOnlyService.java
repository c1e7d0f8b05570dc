package io.courier.bootstrap.internal.provider;

import io.courier.api.ServiceInstance;
import io.courier.api.ServiceKey;
import io.courier.api.coordination.Coordination;
import io.courier.api.coordination.LeaderElection;
import io.courier.api.coordination.LeadershipListener;
import io.courier.bootstrap.internal.registry.ProviderRegistrations;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A service exported with a leader group: registered only while this application leads the group.
 * On gaining leadership it registers; on losing it (a suspended or lost ZooKeeper connection, or
 * closing) it deregisters first, so consumers stop choosing it, and the calls already sent drain on
 * the server as usual. The state is logged and, when the application has a meter registry, shown
 * as the gauge {@value #GAUGE} (1 leading, 0 not) tagged with the service and the group.
 */
public final class LeaderOnlyService implements LeadershipListener, AutoCloseable {

    static final String GAUGE = "courier.service.leader";

    private static final Logger log = LoggerFactory.getLogger(LeaderOnlyService.class);

    private final ServiceInstance instance;
    private final String group;
    private final ProviderRegistrations registrations;
    private volatile boolean leading;
    private LeaderElection election; // guarded by this
    private boolean closed; // guarded by this

    public LeaderOnlyService(ServiceInstance instance, String group, ProviderRegistrations registrations) {
        this.instance = instance;
        this.group = group;
        this.registrations = registrations;
    }

    /** Joins the election; registers once elected. */
    public synchronized LeaderOnlyService start(Coordination coordination, MeterRegistry meters) {
        if (meters != null) {
            Gauge.builder(GAUGE, this, service -> service.leading ? 1 : 0)
                    .description("1 while this instance leads the service's leader group and is registered")
                    .tags("service", instance.serviceKey().toString(), "group", group)
                    .strongReference(true)
                    .register(meters);
        }
        election = coordination.joinElection(group, this);
        log.info("{} waits to lead group '{}' before it registers", instance.serviceKey(), group);
        return this;
    }

    public boolean isLeading() {
        return leading;
    }

    public ServiceKey serviceKey() {
        return instance.serviceKey();
    }

    public String group() {
        return group;
    }

    @Override
    public synchronized void gained(long fencingToken) {
        if (closed || leading) {
            return;
        }
        leading = true;
        registrations.register(instance);
        log.info(
                "{} leads group '{}' (fencing token {}): registered on {}",
                instance.serviceKey(),
                group,
                fencingToken,
                instance.endpoint());
    }

    @Override
    public synchronized void lost() {
        stepDown("lost the leadership of group '" + group + "'");
    }

    /** Deregisters first, then leaves the election so that the next member takes over at once. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        stepDown("is stopping");
        closed = true;
        if (election != null) {
            election.close();
        }
    }

    private void stepDown(String why) {
        if (!leading) {
            return;
        }
        leading = false;
        registrations.unregister(instance);
        log.warn(
                "{} {}: withdrew {} from the registry; calls already sent finish",
                instance.serviceKey(),
                why,
                instance.endpoint());
    }
}
