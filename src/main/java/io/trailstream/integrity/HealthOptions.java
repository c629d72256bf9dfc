package io.trailstream.integrity;

import java.time.Duration;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

/**
 * The typed options of integration health (delivery gaps, silence, access problems) and of the job's own
 * auto-disconnect of integrations it cannot read.
 */
public final class HealthOptions {
    private HealthOptions() {}

    public static final ConfigOption<Duration> DIGEST_DELAY = ConfigOptions.key("health.digest-delay")
            .durationType()
            .defaultValue(Duration.ofHours(1))
            .withDescription("How late an hourly digest may arrive (after the hour following its predecessor's "
                    + "arrival) before the account and region have a gap.");

    public static final ConfigOption<Duration> SILENCE_TIMEOUT = ConfigOptions.key("health.silence-timeout")
            .durationType()
            .defaultValue(Duration.ofHours(2))
            .withDescription("An active integration from which no object at all arrives for this long is silent "
                    + "(CloudTrail writes a digest every hour, even without activity).");

    public static final ConfigOption<Boolean> AUTO_DISCONNECT = ConfigOptions.key("health.auto-disconnect")
            .booleanType()
            .defaultValue(false)
            .withDescription("Move an integration whose every read is refused (access_denied) for "
                    + "health.auto-disconnect.after to disconnected, and back to active once a probe read succeeds: "
                    + "audited control messages by author trailstream, published to the control stream "
                    + "(control.source KINESIS, or LOCAL with a watch interval).");

    public static final ConfigOption<Duration> AUTO_DISCONNECT_AFTER = ConfigOptions.key("health.auto-disconnect.after")
            .durationType()
            .defaultValue(Duration.ofHours(1))
            .withDescription("How long an integration stays access_denied, with no read succeeding, before the "
                    + "job disconnects it.");

    public static final ConfigOption<Duration> PROBE_INTERVAL = ConfigOptions.key(
                    "health.auto-disconnect.probe-interval")
            .durationType()
            .defaultValue(Duration.ofMinutes(5))
            .withDescription("How often the job tries to read an auto-disconnected integration's last refused "
                    + "object, to reconnect it once access is back.");
}
