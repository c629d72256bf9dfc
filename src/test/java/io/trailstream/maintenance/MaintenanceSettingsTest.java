package io.trailstream.maintenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;

/** The maintenance options are checked before anything runs, and a mistake names its key. */
class MaintenanceSettingsTest {
    private static final Map<String, String> JDBC_CATALOG =
            Map.of("uri", "jdbc:postgresql://db:5432/iceberg", "jdbc.user", "trail", "jdbc.schema-version", "V1");

    @Test
    void theDefaultsRunAllThreeTasksUnderTheCatalogsDatabaseLock() {
        MaintenanceSettings settings =
                MaintenanceSettings.from(new Configuration(), JDBC_CATALOG, true, Duration.ofSeconds(30));
        assertThat(settings.scheduledTasks()).hasSize(3);
        assertThat(settings.tables())
                .containsExactly(
                        "events",
                        "insights",
                        "objects",
                        "dead_letters",
                        "control_audit",
                        "integrations",
                        "integrity",
                        "integration_health");
        assertThat(settings.retainLast()).isEqualTo(20);
        assertThat(settings.lockFactory("cloudtrail", "events")).isNotNull();
    }

    @Test
    void retainLastBelowTheRestoreFloorIsRefused() {
        Configuration conf = new Configuration();
        conf.set(MaintenanceOptions.EXPIRE_RETAIN_LAST, 2);
        assertThatThrownBy(() -> MaintenanceSettings.from(conf, JDBC_CATALOG, true, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maintenance.expire.retain-last")
                .hasMessageContaining("at least 3");
    }

    @Test
    void orphansYoungerThanTenCheckpointsAreNeverOrphans() {
        Configuration conf = new Configuration();
        conf.set(MaintenanceOptions.ORPHANS_MIN_AGE, Duration.ofHours(2));
        assertThatThrownBy(() -> MaintenanceSettings.from(conf, JDBC_CATALOG, true, Duration.ofMinutes(15)))
                .hasMessageContaining("maintenance.orphans.min-age")
                .hasMessageContaining("PT2H30M");
        conf.set(MaintenanceOptions.ORPHANS_MIN_AGE, Duration.ofMinutes(30));
        assertThatThrownBy(() -> MaintenanceSettings.from(conf, JDBC_CATALOG, true, null))
                .hasMessageContaining("PT1H");
    }

    @Test
    void aRestOrGlueCatalogNeedsALockDatabase() {
        assertThatThrownBy(
                        () -> MaintenanceSettings.from(new Configuration(), Map.of("uri", "http://rest"), false, null))
                .hasMessageContaining("maintenance.lock.jdbc-uri");
        Configuration conf = new Configuration();
        conf.set(MaintenanceOptions.LOCK_JDBC_URI, "jdbc:postgresql://locks:5432/locks");
        conf.setString(MaintenanceOptions.LOCK_PROPERTY_PREFIX + "jdbc.user", "locker");
        assertThat(MaintenanceSettings.from(conf, Map.of(), false, null).lockFactory("cloudtrail", "events"))
                .isNotNull();
    }

    @Test
    void tasksCanBeSwitchedOff() {
        Configuration conf = new Configuration();
        conf.set(MaintenanceOptions.ORPHANS_ENABLED, false);
        conf.set(MaintenanceOptions.EXPIRE_ENABLED, false);
        assertThat(MaintenanceSettings.from(conf, JDBC_CATALOG, true, null).scheduledTasks())
                .hasSize(1);
    }
}
