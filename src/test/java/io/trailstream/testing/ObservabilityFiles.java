package io.trailstream.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The PromQL expressions of the shipped Grafana dashboard ({@code observability/grafana/trailstream.json}) and
 * alert rules ({@code observability/prometheus/trailstream-alerts.yaml}), and the Flink metric names they use, so
 * that tests can hold them against what the Prometheus reporter really serves.
 */
public final class ObservabilityFiles {
    public static final Path DASHBOARD = Path.of("observability/grafana/trailstream.json");
    public static final Path ALERTS = Path.of("observability/prometheus/trailstream-alerts.yaml");
    private static final Pattern METRIC = Pattern.compile("\\bflink_[A-Za-z0-9_]+");

    private ObservabilityFiles() {}

    /** Every {@code expr} of the dashboard's panels and variables' queries, and of the alert rules. */
    public static List<String> expressions(Path project) {
        List<String> out = new ArrayList<>();
        try {
            JsonNode dashboard =
                    new ObjectMapper().readTree(project.resolve(DASHBOARD).toFile());
            dashboard
                    .path("panels")
                    .forEach(p -> p.path("targets")
                            .forEach(t -> out.add(t.path("expr").asText())));
            dashboard.path("templating").path("list").forEach(v -> {
                if (v.path("query").has("query"))
                    out.add(v.path("query").path("query").asText());
            });
            JsonNode alerts = new ObjectMapper(new YAMLFactory())
                    .readTree(project.resolve(ALERTS).toFile());
            alerts.path("groups")
                    .forEach(g ->
                            g.path("rules").forEach(r -> out.add(r.path("expr").asText())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** The metric names the expressions use. */
    public static Set<String> metricNames(Path project) {
        Set<String> names = new TreeSet<>();
        for (String expr : expressions(project)) {
            Matcher m = METRIC.matcher(expr);
            while (m.find()) names.add(m.group());
        }
        return names;
    }
}
