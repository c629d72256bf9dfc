package io.trailstream.classloading;

import java.lang.reflect.Field;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives back what the job's libraries hung on the JVM when a TaskManager releases the job's class loader, so that
 * a session cluster can unload the job's classes (its metaspace) after the job ends, is cancelled or upgraded.
 * Without it the class loader stays reachable from JVM-wide registries: the JDBC drivers the catalog loads register
 * with {@link DriverManager}, and Hadoop's {@code ShutdownHookManager} and Guava's exiting executors (Iceberg's
 * worker pool) add JVM shutdown hooks whose threads keep the pools alive.
 *
 * <p>Operators call {@link #registerOn} in {@code open()}; Flink runs the hook once per job and TaskManager, when
 * the last task of the job there has ended. The hook deregisters the JDBC drivers the job's class loader loaded
 * and, for each JVM shutdown hook whose code it loaded (the hook thread's class, or the task it runs), does now
 * what JVM exit would do: removes the hook and runs it (bounded by {@link #HOOK_TIMEOUT}), which closes Hadoop's
 * cached file systems and shuts Iceberg's worker pool down. Where the job's classes are not loaded by a class loader
 * of their own (the embedded {@code local} run, a MiniCluster in tests), nothing is done: the drivers and hooks are
 * the application's.
 */
public final class UserCodeRelease {
    /** The hook's name: one per class loader, however many operators register it. */
    public static final String HOOK_NAME = "trailstream-release-jvm-registrations";

    /** How long one shutdown hook may run at release before the release moves on. */
    public static final Duration HOOK_TIMEOUT = Duration.ofSeconds(10);

    private static final Logger LOG = LoggerFactory.getLogger(UserCodeRelease.class);

    private UserCodeRelease() {}

    /** Registers the release of the job's class loader with the task's runtime context (once per job and JVM). */
    public static void registerOn(RuntimeContext context) {
        ClassLoader own = UserCodeRelease.class.getClassLoader();
        if (!isDedicated(own)) return;
        context.registerUserCodeClassLoaderReleaseHookIfAbsent(HOOK_NAME, () -> release(own));
    }

    /**
     * Deregisters the JDBC drivers {@code loader} loaded and runs, then removes, the JVM shutdown hooks it made.
     * Only for a class loader of the job's own: callers check {@link #isDedicated}.
     *
     * @return what was released, for the log and the tests
     */
    public static Released release(ClassLoader loader) {
        Released released = new Released(deregisterDrivers(loader), runShutdownHooks(loader));
        LOG.info(
                "Released the job's class loader: JDBC drivers {} deregistered, shutdown hooks {} run",
                released.drivers(),
                released.shutdownHooks());
        return released;
    }

    /** Whether {@code loader} is a class loader of the job's own, not the application's or one of its parents. */
    static boolean isDedicated(ClassLoader loader) {
        if (loader == null) return false;
        for (ClassLoader c = ClassLoader.getSystemClassLoader(); c != null; c = c.getParent()) {
            if (c == loader) return false;
        }
        return true;
    }

    private static List<String> deregisterDrivers(ClassLoader loader) {
        List<String> out = new ArrayList<>();
        // DriverManager lists the drivers this class's loader can see: the job's own among them.
        for (Driver driver : Collections.list(DriverManager.getDrivers())) {
            if (driver.getClass().getClassLoader() != loader) continue;
            try {
                DriverManager.deregisterDriver(driver);
                out.add(driver.getClass().getName());
            } catch (SQLException | SecurityException e) {
                LOG.warn(
                        "Could not deregister JDBC driver {}: {}",
                        driver.getClass().getName(),
                        e.toString());
            }
        }
        return out;
    }

    private static List<String> runShutdownHooks(ClassLoader loader) {
        List<String> out = new ArrayList<>();
        for (Thread hook : shutdownHooks()) {
            if (!loadedBy(hook, loader)) continue;
            try {
                if (!Runtime.getRuntime().removeShutdownHook(hook)) continue;
            } catch (IllegalStateException e) {
                return out; // the JVM is shutting down: the hooks run anyway
            }
            out.add(hook.getName());
            hook.start();
            try {
                hook.join(HOOK_TIMEOUT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return out;
            }
            if (hook.isAlive()) LOG.warn("Shutdown hook {} still running after {}", hook.getName(), HOOK_TIMEOUT);
        }
        return out;
    }

    /**
     * Whether {@code loader} loaded the hook's code: its class (Hadoop's is a subclass of Thread) or the task it runs
     * (Guava's exiting executors hand a Runnable to a plain Thread). A hook the job merely created, from a library of
     * Flink's or a plugin's, is not the job's to run.
     */
    private static boolean loadedBy(Thread hook, ClassLoader loader) {
        if (hook.getClass().getClassLoader() == loader) return true;
        Object task = taskOf(hook);
        return task != null && task.getClass().getClassLoader() == loader;
    }

    /** The Runnable a plain Thread was given ({@code Thread.target} up to Java 20, {@code holder.task} after). */
    private static Object taskOf(Thread thread) {
        try {
            Field target = Thread.class.getDeclaredField("target");
            target.setAccessible(true);
            return target.get(thread);
        } catch (NoSuchFieldException e) {
            try {
                Field holder = Thread.class.getDeclaredField("holder");
                holder.setAccessible(true);
                Object h = holder.get(thread);
                Field task = h.getClass().getDeclaredField("task");
                task.setAccessible(true);
                return task.get(h);
            } catch (ReflectiveOperationException | RuntimeException inner) {
                return null;
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** The JVM's application shutdown hooks (needs {@code --add-opens java.base/java.lang}, as Flink's JVMs have). */
    private static List<Thread> shutdownHooks() {
        try {
            Class<?> hooks = Class.forName("java.lang.ApplicationShutdownHooks");
            Field field = hooks.getDeclaredField("hooks");
            field.setAccessible(true);
            synchronized (hooks) {
                Map<?, ?> map = (Map<?, ?>) field.get(null);
                if (map == null) return List.of(); // the JVM is shutting down
                List<Thread> out = new ArrayList<>();
                for (Object t : map.keySet()) out.add((Thread) t);
                return out;
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warn(
                    "Cannot list the JVM's shutdown hooks ({}); the job's stay registered until the JVM exits."
                            + " Add --add-opens=java.base/java.lang=ALL-UNNAMED to env.java.opts.all",
                    e.toString());
            return List.of();
        }
    }

    /** What a release gave back: the driver classes deregistered and the names of the shutdown hooks run. */
    public record Released(List<String> drivers, List<String> shutdownHooks) {}
}
