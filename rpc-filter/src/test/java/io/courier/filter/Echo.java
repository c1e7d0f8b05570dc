package io.courier.filter;

/** The service the tests call. */
public interface Echo {

    String echo(String text);

    /** Throws {@link EchoException}: a business failure. */
    String fail(String message) throws EchoException;

    /** Does {@code units} of simulated work. */
    int work(int units);

    /** A business exception. */
    final class EchoException extends Exception {
        private static final long serialVersionUID = 1L;

        public EchoException(String message) {
            super(message);
        }
    }
}
