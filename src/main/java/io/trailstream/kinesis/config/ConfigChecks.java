package io.trailstream.kinesis.config;

import static io.trailstream.kinesis.config.KinesisSourceOptions.AWS_ENDPOINT;
import static io.trailstream.kinesis.config.KinesisSourceOptions.CREDENTIALS_PROVIDER;
import static io.trailstream.kinesis.config.KinesisSourceOptions.START_POSITION;
import static io.trailstream.kinesis.config.KinesisSourceOptions.START_TIMESTAMP;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.util.TimeUtils;

/**
 * Reading and checking single option values for {@link KinesisSourceConfig}, with one message
 * shape for every bad value: "Kinesis source: invalid value 'V' for 'KEY': WHY".
 */
final class ConfigChecks {

    private ConfigChecks() {}

    static <T> T get(Configuration conf, ConfigOption<T> option) {
        try {
            return conf.get(option);
        } catch (IllegalArgumentException e) {
            // Flink's message already names the key and the value; keep it and add the choices.
            String hint = option == CREDENTIALS_PROVIDER
                    ? " Allowed: default, static."
                    : option == START_POSITION ? " Allowed: TRIM_HORIZON, LATEST, AT_TIMESTAMP." : "";
            throw new IllegalArgumentException("Kinesis source: " + e.getMessage() + hint, e);
        }
    }

    static URI parseEndpoint(String value) {
        try {
            URI uri = new URI(value);
            check(
                    ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null,
                    AWS_ENDPOINT,
                    value,
                    "expected an http:// or https:// URL with a host");
            return uri;
        } catch (URISyntaxException e) {
            throw invalid(AWS_ENDPOINT, value, "not a URL: " + e.getMessage());
        }
    }

    static Instant parseTimestamp(String value) {
        try {
            return value.chars().allMatch(Character::isDigit)
                    ? Instant.ofEpochMilli(Long.parseLong(value))
                    : Instant.parse(value);
        } catch (DateTimeParseException | NumberFormatException e) {
            throw invalid(
                    START_TIMESTAMP,
                    value,
                    "expected an ISO-8601 instant such as 2026-11-27T05:00:00Z or epoch millis");
        }
    }

    static String trimToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    static void check(boolean ok, ConfigOption<?> option, Object value, String why) {
        if (!ok) {
            throw invalid(option, value, why);
        }
    }

    static void checkSet(boolean ok, ConfigOption<?> option) {
        if (!ok) {
            throw new IllegalArgumentException("Kinesis source: '" + option.key() + "' is required when '"
                    + CREDENTIALS_PROVIDER.key() + "' is 'static'");
        }
    }

    static IllegalArgumentException invalid(ConfigOption<?> option, Object value, String why) {
        if (value instanceof Duration) {
            value = TimeUtils.formatWithHighestUnit((Duration) value);
        }
        return new IllegalArgumentException(
                value == null
                        ? "Kinesis source: '" + option.key() + "' is missing: " + why
                        : "Kinesis source: invalid value '" + value + "' for '" + option.key() + "': " + why);
    }
}
