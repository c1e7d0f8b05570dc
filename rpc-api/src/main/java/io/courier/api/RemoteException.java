package io.courier.api;

/**
 * A provider's business exception whose class the consumer may not load (it is not on the
 * consumer's allow-list or class path). It carries the original class name, message and stack
 * trace; the original's own stack becomes this exception's stack trace.
 */
public final class RemoteException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String remoteClassName;

    public RemoteException(String remoteClassName, String message, StackTraceElement[] stackTrace) {
        super(remoteClassName + (message == null ? "" : ": " + message));
        this.remoteClassName = remoteClassName;
        if (stackTrace != null) {
            setStackTrace(stackTrace);
        }
    }

    /** The fully qualified name of the exception the provider threw. */
    public String remoteClassName() {
        return remoteClassName;
    }
}
