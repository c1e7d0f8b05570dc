package io.courier.spring.boot.starter.example;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts one Spring Boot application in this JVM and logs {@code start-time-ms=<n>}, the time
 * {@code SpringApplication.run} took, and {@code main-thread-cpu-ms=<n>}, the CPU time the starting
 * thread spent in it (less sensitive to other processes on a busy machine);
 * {@code scripts/spring-boot-start-time.sh} runs it in fresh JVMs.
 * Modes: {@code plain} (run on a class path of Spring Boot's starter only), {@code starter} (the
 * Courier starter on the class path, nothing exported), {@code export} (the starter and one
 * {@code @Export} bean served on a free port, no registry).
 */
public final class StartTime {

    private static final Logger log = LoggerFactory.getLogger(StartTime.class);

    private StartTime() {}

    /** An application with nothing of its own: what every Spring Boot application does at start. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class Empty {}

    public static void main(String[] args) throws ClassNotFoundException {
        String mode = args.length > 0 ? args[0] : "plain";
        SpringApplication application = mode.equals("export")
                ? new SpringApplication(Empty.class, Class.forName(StartTime.class.getPackageName() + ".InMemoryStock"))
                : new SpringApplication(Empty.class);
        application.setDefaultProperties(java.util.Map.of(
                "courier.server.host", "127.0.0.1", "courier.server.port", "0", "spring.main.banner-mode", "off"));
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpuStart = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        ConfigurableApplicationContext context = application.run();
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        long cpuMillis = TimeUnit.NANOSECONDS.toMillis(threads.getCurrentThreadCpuTime() - cpuStart);
        log.info("mode={} start-time-ms={} main-thread-cpu-ms={}", mode, millis, cpuMillis);
        context.close();
    }
}
