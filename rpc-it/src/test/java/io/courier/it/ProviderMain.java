package io.courier.it;

import io.courier.bootstrap.Courier;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A provider process of the suite: exports {@link LedgerService} with the configuration it finds in
 * its {@code courier.*} system properties, then obeys one-line commands on its standard input and
 * answers on its standard output, each answer prefixed with {@value #PREFIX} so the parent can tell
 * it from log lines:
 *
 * <pre>
 * -&gt; READY port=&lt;port&gt;                        once it serves and is registered
 * offline | online  -&gt; OK offline | OK online   the operator switch
 * status            -&gt; STATUS online=.. connections=.. inflight=.. queued=..
 * </pre>
 *
 * End of input means the parent is gone: the provider closes gracefully and exits. SIGTERM runs
 * Courier's shutdown hook; SIGKILL is SIGKILL.
 *
 * <p>Arguments: the provider's name and the path of its ledger file.
 */
public final class ProviderMain {

    static final String PREFIX = "@it ";

    private static final Logger log = LoggerFactory.getLogger(ProviderMain.class);

    private ProviderMain() {}

    public static void main(String[] args) throws Exception {
        String name = args[0];
        Path ledger = Path.of(args[1]);
        // The control channel to the parent process; logging goes to stderr (see logback-test.xml).
        PrintStream control = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        try (RecordingLedgerService service = new RecordingLedgerService(name, ledger)) {
            Courier courier =
                    Courier.builder().application(name).export(service).start();
            control.println(PREFIX + "READY port=" + courier.port());
            BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String command;
            while ((command = commands.readLine()) != null) {
                control.println(PREFIX + answer(courier, command.trim()));
            }
            log.info("{}: the parent closed the control channel; stopping", name);
            courier.close();
        }
    }

    private static String answer(Courier courier, String command) {
        switch (command) {
            case "offline":
                courier.offline();
                return "OK offline";
            case "online":
                courier.online();
                return "OK online";
            case "status":
                return courier.providerStatus()
                        .map(status -> "STATUS online=" + courier.isOnline() + " connections="
                                + status.openConnections() + " inflight=" + status.inFlight() + " queued="
                                + status.queuedOutboundBytes())
                        .orElse("STATUS none");
            default:
                return "ERROR unknown command '" + command + "'";
        }
    }
}
