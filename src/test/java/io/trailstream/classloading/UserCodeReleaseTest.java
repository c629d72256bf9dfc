package io.trailstream.classloading;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailstream.testing.FaultInjectingJdbcDriver;
import java.lang.ref.WeakReference;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * A job class loader (child-first for trailstream's classes, as Flink's is for the job jar) that loaded a library
 * registering a JDBC driver and JVM shutdown hooks is released: the driver is deregistered, the hooks are run once
 * and removed, the application's own hook is left alone, and the class loader can then be collected.
 */
class UserCodeReleaseTest {
    private static final Path PROJECT = Path.of(System.getProperty("trailstream.project.dir", "."));

    @Test
    void releasingTheJobsClassLoaderGivesBackItsDriversAndHooks() throws Exception {
        Thread appHook = new Thread(() -> {}, "application-hook");
        Runtime.getRuntime().addShutdownHook(appHook);
        WeakReference<ClassLoader> collected;
        try {
            collected = installAndRelease();
        } finally {
            assertThat(Runtime.getRuntime().removeShutdownHook(appHook))
                    .as("the application's own hook still registered")
                    .isTrue();
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (collected.get() != null && System.nanoTime() < deadline) {
            System.gc();
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos()); // the poll interval of the wait for collection
        }
        assertThat(collected.get()).as("the job's class loader, once released").isNull();
    }

    @Test
    void theApplicationsClassLoaderIsNotTheJobsToRelease() {
        assertThat(UserCodeRelease.isDedicated(UserCodeRelease.class.getClassLoader()))
                .isFalse();
        assertThat(UserCodeRelease.isDedicated(ClassLoader.getPlatformClassLoader()))
                .isFalse();
        assertThat(UserCodeRelease.isDedicated(new URLClassLoader(new URL[0]))).isTrue();
    }

    @SuppressWarnings("unchecked")
    private static WeakReference<ClassLoader> installAndRelease() throws Exception {
        try (URLClassLoader job = new JobClassLoader()) {
            Class<?> library = job.loadClass(LeakyLibrary.class.getName());
            assertThat(library).isNotSameAs(LeakyLibrary.class);
            List<Thread> hooks = (List<Thread>) library.getMethod("install").invoke(null);
            assertThat((boolean) library.getMethod("driverRegistered").invoke(null))
                    .isTrue();

            Class<?> release = job.loadClass(UserCodeRelease.class.getName());
            assertThat((boolean) invokeStatic(release, "isDedicated", job)).isTrue();
            Object released = release.getMethod("release", ClassLoader.class).invoke(null, job);

            assertThat((List<String>) released.getClass().getMethod("drivers").invoke(released))
                    .containsExactly(FaultInjectingJdbcDriver.class.getName());
            assertThat((List<String>)
                            released.getClass().getMethod("shutdownHooks").invoke(released))
                    .containsExactlyInAnyOrder("leaky-subclass-hook", "leaky-plain-hook");
            assertThat((boolean) library.getMethod("driverRegistered").invoke(null))
                    .isFalse();
            assertThat((int) library.getMethod("hooksRun").invoke(null)).isEqualTo(2);
            for (Thread hook : hooks) {
                hook.join(UserCodeRelease.HOOK_TIMEOUT.toMillis());
                assertThat(Runtime.getRuntime().removeShutdownHook(hook))
                        .as("hook %s still registered", hook.getName())
                        .isFalse();
            }
            return new WeakReference<>(job);
        }
    }

    private static Object invokeStatic(Class<?> type, String method, ClassLoader arg) throws Exception {
        var m = type.getDeclaredMethod(method, ClassLoader.class);
        m.setAccessible(true);
        return m.invoke(null, arg);
    }

    /**
     * Loads this package's classes and the JDBC driver itself from the build's class folders, everything else from
     * the application.
     */
    private static final class JobClassLoader extends URLClassLoader {
        JobClassLoader() throws Exception {
            super(
                    new URL[] {
                        PROJECT.resolve("target/classes").toUri().toURL(),
                        PROJECT.resolve("target/test-classes").toUri().toURL()
                    },
                    UserCodeReleaseTest.class.getClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            boolean jobs = name.startsWith(UserCodeRelease.class.getPackageName() + ".")
                    || name.equals(FaultInjectingJdbcDriver.class.getName());
            if (!jobs) return super.loadClass(name, resolve);
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null) c = findClass(name);
                if (resolve) resolveClass(c);
                return c;
            }
        }
    }
}
