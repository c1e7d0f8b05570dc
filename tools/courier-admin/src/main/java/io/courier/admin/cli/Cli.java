package io.courier.admin.cli;

import java.io.PrintStream;

/** Parses the command line and runs one command. */
final class Cli {

    private Cli() {}

    static int run(String[] args, PrintStream out, PrintStream err) {
        err.println("not implemented");
        return 2;
    }
}
