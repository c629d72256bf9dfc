package io.trailstream.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.trailstream.control.Integration;
import io.trailstream.control.message.InitialIntegrations;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.flink.configuration.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The job's configuration file: Flink-style keys (nested YAML maps or dotted keys, both accepted) plus the
 * list of integrations the job starts with. A key in one of trailstream's namespaces that no option declares
 * is an error naming it and the nearest known key ({@link UnknownKeys}); a deprecated key is read as its
 * replacement, with a warning naming both; Flink's own keys pass through.
 *
 * <pre>{@code
 * notifications:
 *   source: kinesis
 *   kinesis.stream.arn: arn:aws:kinesis:eu-west-1:123456789012:stream/trail-notifications
 * catalog:
 *   type: rest
 *   uri: https://catalog.example.com
 * integrations:
 *   - integration_id: acme-prod
 *     tenant_id: acme
 *     bucket: acme-cloudtrail
 *     prefix: org-trail
 * }</pre>
 */
public final class JobConfig {
    private static final Logger LOG = LoggerFactory.getLogger(JobConfig.class);

    private final Configuration configuration;
    private final List<Integration> integrations;
    private final Map<String, String> deprecatedKeys;

    public JobConfig(Configuration configuration, List<Integration> integrations) {
        this(configuration, integrations, Map.of());
    }

    private JobConfig(Configuration configuration, List<Integration> integrations, Map<String, String> deprecated) {
        this.configuration = configuration;
        this.integrations = List.copyOf(integrations);
        this.deprecatedKeys = Map.copyOf(deprecated);
    }

    /** The deprecated keys the file used, each to the key that replaced it (logged as a warning at load). */
    public Map<String, String> deprecatedKeys() {
        return deprecatedKeys;
    }

    public Configuration configuration() {
        return configuration;
    }

    public List<Integration> integrations() {
        return integrations;
    }

    /** Reads a YAML (or JSON) config file; errors name the file and the offending key and value. */
    public static JobConfig load(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new ConfigException("cannot read config file " + file + ": " + e.getMessage());
        }
        if (root == null || root.isNull() || root.isMissingNode()) {
            return new JobConfig(new Configuration(), List.of());
        }
        if (!root.isObject()) {
            throw new ConfigException("config file " + file + " must hold a YAML mapping at the top level");
        }
        Configuration conf = new Configuration();
        List<Integration> integrations = List.of();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equals("integrations")) {
                integrations = parseIntegrations(e.getValue());
            } else {
                flatten(e.getKey(), e.getValue(), conf);
            }
        }
        UnknownKeys check = UnknownKeys.registered();
        List<UnknownKeys.Unknown> unknown = check.find(new TreeSet<>(conf.keySet()));
        if (!unknown.isEmpty()) {
            List<String> messages = new ArrayList<>();
            unknown.forEach(u -> messages.add(u.message()));
            throw new ConfigException("config file " + file + ": " + String.join("; ", messages)
                    + "; trailstream's options are listed in docs/configuration.md");
        }
        Map<String, String> deprecated = check.deprecatedAmong(new TreeSet<>(conf.keySet()));
        warnDeprecated(file, conf, deprecated);
        return new JobConfig(conf, integrations, deprecated);
    }

    /** One warning per deprecated key in the file, naming the key that replaced it. */
    private static void warnDeprecated(Path file, Configuration conf, Map<String, String> deprecated) {
        deprecated.forEach((old, replacement) -> {
            if (conf.containsKey(replacement)) {
                LOG.warn(
                        "config file {}: '{}' is deprecated and ignored: '{}' is set too and wins",
                        file,
                        old,
                        replacement);
            } else {
                LOG.warn("config file {}: '{}' is deprecated, read as '{}': rename it", file, old, replacement);
            }
        });
    }

    private static void flatten(String key, JsonNode node, Configuration conf) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> flatten(key + "." + e.getKey(), e.getValue(), conf));
        } else if (node.isArray()) {
            List<String> items = new ArrayList<>();
            node.forEach(n -> items.add(n.asText()));
            conf.setString(key, String.join(";", items));
        } else if (!node.isNull()) {
            conf.setString(key, node.asText());
        }
    }

    /** Parses the {@code integrations} list: the same fields as an upsert control message's integration. */
    public static List<Integration> parseIntegrations(JsonNode list) {
        try {
            List<Integration> out = new ArrayList<>();
            InitialIntegrations.fromJson(list).integrations().forEach(out::add);
            return out;
        } catch (IllegalArgumentException e) {
            throw new ConfigException(
                    e.getMessage().startsWith("integrations") ? e.getMessage() : "integrations: " + e.getMessage());
        }
    }

    /** The integrations as the seeds of the control state. */
    public InitialIntegrations seeds() {
        return InitialIntegrations.of(integrations);
    }

    /** A configuration mistake, with a message naming the key and value: shown to the user as it is. */
    public static final class ConfigException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public ConfigException(String message) {
            super(message);
        }
    }
}
