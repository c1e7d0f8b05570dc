package io.courier.admin.cli;

import io.courier.transport.UnsafeMemoryAccess;
import java.io.PrintStream;

/** The runnable jar's entry point: runs one command and exits with its status (see {@link Cli}). */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        // before Netty loads: no sun.misc.Unsafe warning on Java 24+
        UnsafeMemoryAccess.avoidOnJava24AndLater();
        // The command's output is this tool's product, so it goes to the process's own streams.
        PrintStream out = System.out;
        PrintStream err = System.err;
        System.exit(Cli.run(args, System.getenv(), System.in, out, err));
    }
}
