package io.trailstream.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.trailstream.control.Integration;
import io.trailstream.control.IntegrationStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.flink.configuration.Configuration;

/**
 * The job's configuration file: Flink-style keys (nested YAML maps or dotted keys, both accepted) plus the
 * list of integrations the job starts with.
 *
 * <pre>{@code
 * notifications:
 *   source: kinesis
 *   kinesis.stream.arn: arn:aws:kinesis:eu-west-1:123456789012:stream/trail-notifications
 * catalog:
 *   type: rest
 *   uri: https://catalog.example.com
 * integrations:
 *   - id: acme-prod
 *     bucket: acme-cloudtrail
 *     prefix: org-trail
 * }</pre>
 */
public final class JobConfig {
    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");
    private static final Pattern ORGANIZATION_ID = Pattern.compile("o-[a-z0-9]{10,32}");

    private final Configuration configuration;
    private final List<Integration> integrations;

    public JobConfig(Configuration configuration, List<Integration> integrations) {
        this.configuration = configuration;
        this.integrations = List.copyOf(integrations);
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
        return new JobConfig(conf, integrations);
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

    /** Parses the {@code integrations} list; each needs an id and a bucket. */
    public static List<Integration> parseIntegrations(JsonNode list) {
        if (list == null || list.isNull()) return List.of();
        if (!list.isArray()) throw new ConfigException("integrations must be a list, got: " + list);
        List<Integration> result = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        int index = 0;
        for (JsonNode n : list) {
            String where = "integrations[" + index++ + "]";
            String id = required(n, "id", where);
            if (!ids.add(id)) throw new ConfigException(where + ".id: duplicate integration id '" + id + "'");
            Integration i = Integration.of(id, required(n, "bucket", where), text(n, "prefix"));
            i.tenantId = text(n, "tenant_id") == null ? id : text(n, "tenant_id");
            i.displayName = text(n, "display_name") == null ? id : text(n, "display_name");
            i.organizationId = text(n, "organization_id");
            if (i.organizationId != null && !ORGANIZATION_ID.matcher(i.organizationId).matches()) {
                throw new ConfigException(where + ".organization_id: '" + i.organizationId
                        + "' is not an Organization id (o- followed by 10 to 32 lower-case letters or digits)");
            }
            if (n.hasNonNull("status")) {
                try {
                    i.status = IntegrationStatus.fromWire(n.get("status").asText());
                } catch (IllegalArgumentException e) {
                    throw new ConfigException(where + ".status: " + e.getMessage());
                }
            }
            if (n.hasNonNull("included_accounts")) {
                List<String> accounts = new ArrayList<>();
                for (JsonNode a : n.get("included_accounts")) {
                    String acc = a.asText();
                    if (!ACCOUNT_ID.matcher(acc).matches()) {
                        throw new ConfigException(where + ".included_accounts: '" + acc + "' is not a 12-digit account id");
                    }
                    accounts.add(acc);
                }
                i.includedAccounts = Collections.unmodifiableList(accounts);
            }
            result.add(i);
        }
        return result;
    }

    private static String required(JsonNode n, String field, String where) {
        String v = text(n, field);
        if (v == null || v.isBlank()) throw new ConfigException(where + "." + field + " is required");
        return v;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    /** A configuration mistake, with a message naming the key and value: shown to the user as it is. */
    public static final class ConfigException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public ConfigException(String message) {
            super(message);
        }
    }
}
