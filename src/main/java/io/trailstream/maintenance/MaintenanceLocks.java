package io.trailstream.maintenance;

import io.trailstream.iceberg.CatalogOptions;
import io.trailstream.iceberg.IcebergCatalogs;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.iceberg.flink.maintenance.api.JdbcLockFactory;
import org.apache.iceberg.flink.maintenance.api.TriggerLockFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The maintenance locks of some tables, held while a command outside maintenance commits to them
 * ({@code trailstream integration purge}), so that the job's maintenance and {@code trailstream maintain} do not
 * compact the files being removed meanwhile (their commit would fail and the work be wasted). The same JDBC lock
 * per table they take, all or none; a held lock is waited for up to a limit. Without a JDBC lock (a REST or Glue
 * catalog and no {@code maintenance.lock.jdbc.uri}) there is nothing to hold: {@link #held()} says so.
 */
public final class MaintenanceLocks implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MaintenanceLocks.class);
    private static final Duration POLL = Duration.ofMillis(500);

    /** The locks could not all be taken in time: maintenance is running on one of the tables. */
    public static final class BusyException extends IOException {
        BusyException(String message) {
            super(message);
        }
    }

    private final List<JdbcLockFactory> factories = new ArrayList<>();
    private final List<TriggerLockFactory.Lock> locks = new ArrayList<>();
    private final boolean held;

    private MaintenanceLocks(boolean held) {
        this.held = held;
    }

    /**
     * Takes the maintenance lock of each table, waiting up to {@code wait} while any is held.
     *
     * @param conf the job's options ({@code catalog.*}, {@code maintenance.*})
     * @throws BusyException when some lock is still held after {@code wait}
     */
    public static MaintenanceLocks hold(Configuration conf, List<String> tables, Duration wait)
            throws IOException, InterruptedException {
        boolean jdbc = conf.get(CatalogOptions.TYPE) == CatalogOptions.CatalogType.JDBC;
        if (!jdbc && conf.getOptional(MaintenanceOptions.LOCK_JDBC_URI).isEmpty()) {
            return new MaintenanceLocks(false);
        }
        MaintenanceSettings settings = MaintenanceSettings.from(conf, IcebergCatalogs.properties(conf), jdbc, null);
        settings.createLockTable();
        String namespace = conf.get(CatalogOptions.NAMESPACE);
        MaintenanceLocks locks = new MaintenanceLocks(true);
        try {
            for (String table : tables) {
                JdbcLockFactory factory = settings.lockFactory(namespace, table);
                factory.open();
                locks.factories.add(factory);
            }
            long deadline = System.nanoTime() + wait.toNanos();
            while (!locks.tryAll()) {
                if (System.nanoTime() - deadline >= 0) {
                    throw new BusyException("the maintenance lock of " + String.join(" or ", tables) + " in "
                            + namespace + " is held (maintenance is running on it) and was not released within "
                            + wait);
                }
                Thread.sleep(POLL.toMillis());
            }
            return locks;
        } catch (IOException | InterruptedException | RuntimeException e) {
            locks.close();
            throw e;
        }
    }

    /** Whether locks were taken: false when the catalog has no JDBC lock. */
    public boolean held() {
        return held;
    }

    private boolean tryAll() {
        for (JdbcLockFactory factory : factories) {
            TriggerLockFactory.Lock lock = factory.createLock();
            if (factory.createRecoveryLock().isHeld() || !lock.tryLock()) {
                release();
                LOG.info("A maintenance lock is held; waiting for it");
                return false;
            }
            locks.add(lock);
        }
        return true;
    }

    private void release() {
        locks.forEach(TriggerLockFactory.Lock::unlock);
        locks.clear();
    }

    @Override
    public void close() throws IOException {
        release();
        IOException failed = null;
        for (JdbcLockFactory factory : factories) {
            try {
                factory.close();
            } catch (IOException e) {
                failed = e;
            }
        }
        factories.clear();
        if (failed != null) throw failed;
    }
}
