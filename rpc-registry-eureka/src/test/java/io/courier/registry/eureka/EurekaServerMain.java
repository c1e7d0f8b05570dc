package io.courier.registry.eureka;

import com.netflix.appinfo.ApplicationInfoManager;
import com.netflix.appinfo.InstanceInfo.InstanceStatus;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.cloud.netflix.eureka.server.EnableEurekaServer;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The tests' Eureka server: Spring Cloud Netflix's, in a JVM of its own ({@link EurekaServer} starts it).
 * It is also a stock Spring Cloud Eureka client of itself: it registers as application {@code
 * eureka-test-server} with a Courier service key in its metadata, and answers what its {@link
 * DiscoveryClient} lists. It exits when its standard input closes, so that it never outlives the test JVM.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@EnableEurekaServer
@Import(EurekaServerMain.Probe.class)
public class EurekaServerMain {

    static final String READY = "eureka-test-server ready";

    public static void main(String[] args) {
        Thread watchdog = new Thread(
                () -> {
                    try {
                        while (System.in.read() >= 0) {
                            // the test JVM holds the other end; EOF means it is gone
                        }
                    } catch (IOException e) {
                        // the same
                    }
                    Runtime.getRuntime().halt(0);
                },
                "parent-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        SpringApplication.run(EurekaServerMain.class, args);
    }

    @EventListener(ApplicationReadyEvent.class)
    public void ready() {
        System.out.println(READY);
    }

    /** What the stock DiscoveryClient sees, and a switch of this application's own Eureka status. */
    @RestController
    public static class Probe {
        private final DiscoveryClient discoveryClient;
        private final ApplicationInfoManager applicationInfoManager;

        public Probe(DiscoveryClient discoveryClient, ApplicationInfoManager applicationInfoManager) {
            this.discoveryClient = discoveryClient;
            this.applicationInfoManager = applicationInfoManager;
        }

        @GetMapping("/courier-test/instances/{serviceId}")
        public List<Map<String, Object>> instances(@PathVariable("serviceId") String serviceId) {
            return discoveryClient.getInstances(serviceId).stream()
                    .map(instance -> Map.<String, Object>of(
                            "host", instance.getHost(),
                            "port", instance.getPort(),
                            "metadata", instance.getMetadata()))
                    .toList();
        }

        @PostMapping("/courier-test/status/{status}")
        public String status(@PathVariable("status") String status) {
            applicationInfoManager.setInstanceStatus(InstanceStatus.valueOf(status));
            return status;
        }
    }
}
