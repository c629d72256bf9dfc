package io.trailstream.maintenance;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.iceberg.flink.maintenance.api.TriggerLockFactory;

/**
 * A task lock that lives in this JVM: how the tasks of one {@code trailstream maintain} run (an embedded
 * MiniCluster in the command's JVM) take turns, while the run itself holds each table's JDBC lock. Iceberg's
 * coordinator-held lock does not fit a bounded job: its release event can reach a task that has already
 * finished, which fails the job.
 */
final class InProcessLockFactory implements TriggerLockFactory {
    private static final long serialVersionUID = 1L;
    private static final Set<String> HELD = ConcurrentHashMap.newKeySet();

    private final String id;

    /** @param id unique to one run and table */
    InProcessLockFactory(String id) {
        this.id = id;
    }

    @Override
    public void open() {}

    @Override
    public Lock createLock() {
        return new InProcessLock(id + ":maintenance");
    }

    @Override
    public Lock createRecoveryLock() {
        return new InProcessLock(id + ":recovery");
    }

    @Override
    public void close() {
        HELD.remove(id + ":maintenance");
        HELD.remove(id + ":recovery");
    }

    private static final class InProcessLock implements Lock {
        private final String key;

        InProcessLock(String key) {
            this.key = key;
        }

        @Override
        public boolean tryLock() {
            return HELD.add(key);
        }

        @Override
        public boolean isHeld() {
            return HELD.contains(key);
        }

        @Override
        public void unlock() {
            HELD.remove(key);
        }
    }
}
