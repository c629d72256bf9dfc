package io.trailstream.classloading;

import io.trailstream.testing.FaultInjectingJdbcDriver;
import java.sql.DriverManager;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a job's libraries do to the JVM, loaded by a test's job class loader: a JDBC driver registers itself with
 * {@link DriverManager} when loaded (the tests' {@link FaultInjectingJdbcDriver}, as SQLite's and PostgreSQL's
 * do), and two JVM shutdown hooks are added, one a Thread subclass (as Hadoop's {@code ShutdownHookManager} adds)
 * and one a plain Thread given a task of the library's (as Guava's exiting executors add for Iceberg's worker pool).
 */
public final class LeakyLibrary {
    static final AtomicInteger HOOKS_RUN = new AtomicInteger();

    private LeakyLibrary() {}

    /** Registers the driver and adds the hooks; returns the hook threads. */
    public static List<Thread> install() {
        try {
            // Registers itself when loaded, as real drivers do; loaded here by the job's class loader.
            Class.forName(FaultInjectingJdbcDriver.class.getName());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
        Thread subclass = new HookThread();
        Thread plain = new Thread(new HookTask(), "leaky-plain-hook");
        Runtime.getRuntime().addShutdownHook(subclass);
        Runtime.getRuntime().addShutdownHook(plain);
        return List.of(subclass, plain);
    }

    /** Whether DriverManager still lists the library's driver (asked from the library's own class loader). */
    public static boolean driverRegistered() {
        return Collections.list(DriverManager.getDrivers()).stream()
                .anyMatch(d -> d instanceof FaultInjectingJdbcDriver);
    }

    public static int hooksRun() {
        return HOOKS_RUN.get();
    }

    static final class HookThread extends Thread {
        HookThread() {
            super("leaky-subclass-hook");
        }

        @Override
        public void run() {
            HOOKS_RUN.incrementAndGet();
        }
    }

    static final class HookTask implements Runnable {
        @Override
        public void run() {
            HOOKS_RUN.incrementAndGet();
        }
    }
}
