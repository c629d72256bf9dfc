package io.trailstream.job;

import io.trailstream.iceberg.CatalogOptions;
import io.trailstream.integrity.HealthOptions;
import io.trailstream.integrity.IntegrityOptions;
import io.trailstream.kinesis.config.KinesisSourceOptions;
import io.trailstream.object.store.ObjectStoreOptions;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.description.HtmlFormatter;

/**
 * Every option trailstream reads, as the Markdown table the README carries. The README test checks that
 * the README holds exactly these rows, so the documentation cannot drift from the declarations.
 * {@code java -cp ... io.trailstream.job.ConfigReference} prints the table.
 */
public final class ConfigReference {
    /** How the README names the two Kinesis prefixes at once. */
    public static final String KINESIS_PREFIXES = "{notifications,control}.kinesis.";

    private ConfigReference() {}

    /** One documented option: its full key (with the prefix it is read under), default and description. */
    public record Entry(String key, String defaultValue, String description) {
        String row() {
            return "| `" + key + "` | " + (defaultValue == null ? "" : "`" + defaultValue + "`") + " | "
                    + description.replace("|", "\\|").replace("\n", " ").replace("<", "&lt;") + " |";
        }
    }

    public static List<Entry> entries() {
        List<Entry> out = new ArrayList<>();
        add(out, TrailstreamOptions.class, "");
        add(out, CatalogOptions.class, "");
        add(out, ObjectStoreOptions.class, "");
        add(out, IntegrityOptions.class, "");
        add(out, HealthOptions.class, "");
        // The same Kinesis source options are read under both prefixes: notifications.kinesis. and control.kinesis.
        add(out, KinesisSourceOptions.class, KINESIS_PREFIXES);
        return out;
    }

    /** The Markdown table: header and one row per option. */
    public static String markdown() {
        StringBuilder sb = new StringBuilder("| key | default | description |\n|---|---|---|\n");
        for (Entry e : entries()) sb.append(e.row()).append('\n');
        return sb.toString();
    }

    private static void add(List<Entry> out, Class<?> holder, String prefix) {
        for (Field f : holder.getFields()) {
            if (!Modifier.isStatic(f.getModifiers()) || !ConfigOption.class.isAssignableFrom(f.getType())) continue;
            try {
                ConfigOption<?> option = (ConfigOption<?>) f.get(null);
                Object def = option.hasDefaultValue() ? option.defaultValue() : null;
                String description = new HtmlFormatter()
                        .format(option.description())
                        .replaceAll("<[^>]+>", "")
                        .replace("&lt;", "<")
                        .replace("&gt;", ">")
                        .replace("&#39;", "'")
                        .replace("&quot;", "\"")
                        .replace("&amp;", "&")
                        .strip();
                out.add(new Entry(prefix + option.key(), def == null ? null : render(def), description));
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static String render(Object value) {
        if (value instanceof java.time.Duration) {
            return org.apache.flink.util.TimeUtils.formatWithHighestUnit((java.time.Duration) value);
        }
        return String.valueOf(value);
    }

    public static void main(String[] args) {
        System.out.print(markdown());
    }
}
