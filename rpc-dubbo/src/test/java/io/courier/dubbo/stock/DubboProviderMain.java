package io.courier.dubbo.stock;

import io.courier.dubbo.fixture.Accounts;
import org.apache.dubbo.config.ApplicationConfig;
import org.apache.dubbo.config.ProtocolConfig;
import org.apache.dubbo.config.RegistryConfig;
import org.apache.dubbo.config.ServiceConfig;
import org.apache.dubbo.config.bootstrap.DubboBootstrap;

/**
 * A stock Apache Dubbo provider of {@link Accounts} in its own JVM (args: the ZooKeeper address, the port,
 * Dubbo's register mode). Prints {@code READY} once exported; SIGTERM stops it through Dubbo's own
 * graceful shutdown (unregister, read-only event, wait for running calls).
 */
public final class DubboProviderMain {

    private DubboProviderMain() {}

    public static void main(String[] args) throws Exception {
        Loopback.pin();
        ApplicationConfig application = new ApplicationConfig("stock-dubbo-provider");
        application.setQosEnable(false);
        application.setQosCheck(false);
        application.setLogger("slf4j");
        application.setRegisterMode(args[2]);
        ProtocolConfig protocol = new ProtocolConfig("dubbo", Integer.parseInt(args[1]));
        protocol.setHost("127.0.0.1");
        ServiceConfig<Accounts> service = new ServiceConfig<>();
        service.setInterface(Accounts.class);
        service.setRef(new DubboAccounts(Integer.parseInt(args[1])));
        DubboBootstrap bootstrap = DubboBootstrap.getInstance()
                .application(application)
                .registry(new RegistryConfig("zookeeper://" + args[0]))
                .protocol(protocol)
                .service(service)
                .start();
        System.out.println("READY");
        System.out.flush();
        bootstrap.await();
    }
}
