package io.courier.demo;

/**
 * The addresses a person needs while the demo runs, printed where they are first known: the registry
 * (for {@code courier-admin} and for a Dubbo or Courier application of their own that joins the
 * shop) and the web console.
 */
final class DemoAddresses {

    private DemoAddresses() {}

    /**
     * @param address the shop's registry, {@code zookeeper://host:port[,host:port]}
     * @param embedded whether the demo runs that ZooKeeper itself (it then stops with the demo)
     */
    static void registry(String address, boolean embedded) {
        System.out.println("Registry while the demo runs: " + address + " (root /courier"
                + (embedded ? ", a ZooKeeper in this JVM" : "") + ")");
        System.out.println("  courier-admin --registry " + address + " services");
        System.out.println("  a Courier application joining the shop: courier.registry.address=" + address
                + "; a Dubbo consumer: dubbo.registry.address=" + address);
    }

    /** The summary's line about the registry, which a run on the embedded one has stopped by then. */
    static String registrySummary(String address, boolean embedded) {
        return "Registry: " + address + " (root /courier)"
                + (embedded
                        ? "; embedded, stopped with the demo (--zookeeper host:port runs the shop on one that stays)"
                        : "");
    }

    static void console(DemoConsole console) {
        System.out.println();
        System.out.println(
                "Web console: " + console.url() + "  (log in with any name and the token " + console.token() + ")");
        System.out.println("  services, providers, consumers, live configuration; run with --duration-seconds 300 to"
                + " change a weight and watch the calls move (README.md, \"Watch traffic move\")");
    }
}
