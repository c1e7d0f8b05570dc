package io.courier.protocol.internal;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Initializes hessian-lite's {@code SerializerFactory} class without its stack traces. Its static
 * initializer builds field-by-field deserializers for {@code java.math.BigInteger} and {@code
 * java.lang.StackTraceElement}, whose fields Java 17 keeps closed; each refused field prints an
 * {@code InaccessibleObjectException} stack trace to standard error (about fifteen in all), and
 * nothing configurable comes before a static initializer. Courier never uses those deserializers:
 * {@link HessianFactory} reads and writes {@code BigInteger} as text, and exceptions travel as data.
 *
 * <p>So the class is initialized here, once, while standard error drops what the initializing
 * thread writes; other threads' output passes through unchanged. One DEBUG line says how much was
 * dropped. Thread-safe.
 */
public final class QuietHessianStart {

    private static final Logger log = LoggerFactory.getLogger(QuietHessianStart.class);
    private static final String FACTORY = "com.alibaba.com.caucho.hessian.io.SerializerFactory";
    private static volatile boolean done;

    private QuietHessianStart() {}

    /** Initializes hessian-lite's factory class, if no one has yet; cheap after the first call. */
    public static void ensure() {
        if (done) {
            return;
        }
        synchronized (QuietHessianStart.class) {
            if (done) {
                return;
            }
            PrintStream original = System.err;
            Thread initializer = Thread.currentThread();
            AtomicLong dropped = new AtomicLong();
            PrintStream filtering = new PrintStream(
                    new OutputStream() {
                        @Override
                        public void write(int b) {
                            if (Thread.currentThread() == initializer) {
                                dropped.incrementAndGet();
                            } else {
                                original.write(b);
                            }
                        }

                        @Override
                        public void write(byte[] bytes, int offset, int length) {
                            if (Thread.currentThread() == initializer) {
                                dropped.addAndGet(length);
                            } else {
                                original.write(bytes, offset, length);
                            }
                        }

                        @Override
                        public void flush() {
                            original.flush();
                        }
                    },
                    true);
            System.setErr(filtering);
            try {
                Class.forName(FACTORY, true, QuietHessianStart.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("hessian-lite is not on the class path: " + e.getMessage(), e);
            } finally {
                if (System.err == filtering) {
                    System.setErr(original);
                }
                done = true;
            }
            log.debug(
                    "hessian-lite initialized; {} bytes of its stack traces about closed JDK fields were dropped",
                    dropped.get());
        }
    }
}
