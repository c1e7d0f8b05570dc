package io.courier.filter.accesslog;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.courier.api.Invoker;
import io.courier.api.time.Ticker;
import io.courier.filter.Echo;
import io.courier.filter.FakeTicker;
import io.courier.filter.Fixtures;
import io.courier.filter.Outcome;
import io.courier.filter.SharedObjects;
import io.courier.spi.Side;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class AccessLogTest {

    private final SharedObjects shared = new SharedObjects();
    private final FakeTicker ticker = new FakeTicker();
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private final Logger access = (Logger) LoggerFactory.getLogger(AccessLogFilter.LOGGER_NAME);

    @BeforeEach
    void setUp() {
        shared.register(Ticker.class, ticker);
        lines.start();
        access.addAppender(lines);
    }

    @AfterEach
    void tearDown() {
        access.detachAppender(lines);
        access.setLevel(Level.INFO);
        shared.close();
    }

    @Test
    void writesOneStructuredLinePerCall_withServiceMethodPeerDurationAndStatus() {
        Invoker provider = Fixtures.chain(
                Side.PROVIDER,
                Echo.class,
                Map.of("courier.filter.access-log.enabled", "true", "courier.filter.work.rate-limit.qps", "0"),
                shared,
                Fixtures.implementation(invocation -> {
                    if (invocation.method().name().equals("fail")) {
                        throw Fixtures.sneaky(new Echo.EchoException("secret detail"));
                    }
                    ticker.advanceMillis(3);
                    return "ok";
                }));

        Outcome.of(provider.invoke(Fixtures.call(Echo.class, "echo", "private argument")));
        Outcome.of(provider.invoke(Fixtures.call(Echo.class, "fail", "x")));
        Outcome.of(provider.invoke(Fixtures.call(Echo.class, "work", 1)));

        assertThat(lines.list)
                .extracting(ILoggingEvent::getFormattedMessage)
                .containsExactly(
                        "side=provider service=io.courier.filter.Echo method=echo(java.lang.String) peer=- duration_us=3000"
                                + " status=OK",
                        "side=provider service=io.courier.filter.Echo method=fail(java.lang.String) peer=- duration_us=0"
                                + " status=EXCEPTION exception=io.courier.filter.Echo$EchoException",
                        "side=provider service=io.courier.filter.Echo method=work(int) peer=- duration_us=0"
                                + " status=RATE_LIMITED");
        assertThat(lines.list).allSatisfy(line -> assertThat(line.getFormattedMessage())
                .doesNotContain("private argument", "secret detail"));
    }

    @Test
    void namesThePeer_whenTheDispatchPathServesTheRequestBeforeTheChain() {
        Invoker provider = Fixtures.chain(
                Side.PROVIDER,
                Echo.class,
                Map.of("courier.filter.access-log.enabled", "true"),
                shared,
                Fixtures.implementation(invocation -> "ok"));

        try (io.courier.api.RpcContext.Scope scope =
                io.courier.api.RpcContext.serve(Map.of(), Fixtures.CONSUMER_ADDRESS)) {
            Outcome.of(provider.invoke(Fixtures.call(Echo.class, "echo", "x")));
        }

        assertThat(lines.list.get(0).getFormattedMessage()).contains("peer=127.0.0.1:40000");
    }

    @Test
    void offByDefault_andSilentWhenTheLoggerIsOff() {
        assertThat(new AccessLogFilter().bind(Fixtures.context(Side.CONSUMER, Echo.class, Map.of(), shared)))
                .isNull();

        Invoker consumer = Fixtures.chain(
                Side.CONSUMER,
                Echo.class,
                Map.of("courier.filter.access-log.enabled", "true"),
                shared,
                Fixtures.implementation(invocation -> "ok"));
        access.setLevel(Level.WARN);
        Outcome.of(consumer.invoke(Fixtures.call(Echo.class, "echo", "x")));

        assertThat(lines.list).isEmpty();
    }
}
