package io.trailstream.cli;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.iceberg.BaseTable;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableOperations;

/**
 * A real Iceberg table (its catalog's own table operations) where another writer commits first, once, at the
 * last moment of the next commit: after the committing side has built its new metadata on what it read, before
 * the catalog is asked to swap it in. So that commit meets a changed table exactly as with a concurrent job commit:
 * the catalog refuses the stale base ({@code CommitFailedException}), and Iceberg's retries or the caller's follow.
 */
final class CommitRace {
    private CommitRace() {}

    /** {@code table}, with {@code concurrent} run once just before its next catalog commit. */
    static Table before(Table table, Runnable concurrent) {
        TableOperations ops = ((HasTableOperations) table).operations();
        AtomicBoolean ran = new AtomicBoolean();
        TableOperations racing = (TableOperations) Proxy.newProxyInstance(
                CommitRace.class.getClassLoader(), new Class<?>[] {TableOperations.class}, (proxy, method, args) -> {
                    if (method.getName().equals("commit") && ran.compareAndSet(false, true)) concurrent.run();
                    return invoke(ops, method, args);
                });
        return new BaseTable(racing, table.name());
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
