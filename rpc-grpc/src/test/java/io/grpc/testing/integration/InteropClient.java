package io.grpc.testing.integration;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * Runs one test case of grpc-java's own interop client, {@link TestServiceClient}, as its {@code main}
 * does (arguments, set-up, run, tear-down) but in this JVM and without {@code System.exit}: the
 * client's own code, untouched, against a server on 127.0.0.1.
 */
public final class InteropClient {

    private InteropClient() {}

    /** Runs {@code testCase} against {@code port}; throws what the test case threw. */
    public static void run(int port, String testCase) throws Throwable {
        TestServiceClient client = new TestServiceClient();
        client.parseArgs(new String[] {
            "--server_host=127.0.0.1", "--server_port=" + port, "--use_tls=false", "--test_case=" + testCase
        });
        client.setUp();
        try {
            invoke(client, "run");
        } finally {
            invoke(client, "tearDown");
        }
    }

    private static void invoke(TestServiceClient client, String name) throws Throwable {
        Method method = TestServiceClient.class.getDeclaredMethod(name);
        method.setAccessible(true);
        try {
            method.invoke(client);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
