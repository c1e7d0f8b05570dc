package io.courier.it;

import io.courier.api.Export;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The providers' implementation: appends each request id to a ledger file with one {@code write}
 * system call before it answers. The bytes are then in the operating system's page cache, so a
 * {@code kill -9} of the provider cannot lose a record of a call it ran (only a crash of the machine
 * could).
 */
@Export(LedgerService.class)
final class RecordingLedgerService implements LedgerService, AutoCloseable {

    private final String name;
    private final FileChannel ledger;

    RecordingLedgerService(String name, Path ledgerFile) throws IOException {
        this.name = name;
        this.ledger = FileChannel.open(
                ledgerFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    }

    @Override
    public String read(long id, int millis) {
        record(id);
        work(millis);
        return name;
    }

    @Override
    public String write(long id, int millis) {
        record(id);
        work(millis);
        return name;
    }

    @Override
    public byte[] blob(long id, int size) {
        record(id);
        return new byte[size];
    }

    /** The work a call stands for (not a wait for some outcome): parks until its time is up. */
    private static void work(int millis) {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        for (long left = end - System.nanoTime(); left > 0; left = end - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
    }

    private void record(long id) {
        ByteBuffer entry = ByteBuffer.allocate(Long.BYTES).putLong(0, id);
        try {
            // APPEND mode: each write lands whole at the end, even from concurrent threads.
            while (entry.hasRemaining()) {
                ledger.write(entry);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("ledger of " + name + " is not writable", e);
        }
    }

    @Override
    public void close() throws IOException {
        ledger.close();
    }
}
