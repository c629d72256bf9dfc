package io.trailstream.job;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.FallbackKey;
import org.apache.flink.configuration.description.HtmlFormatter;

/**
 * Every option of the holders in {@link OptionRegistry}, as the Markdown table docs/configuration.md carries.
 * A test checks that the file holds exactly these rows, so the documentation cannot drift from the
 * declarations. {@code java -cp ... io.trailstream.job.ConfigReference} prints the table.
 */
public final class ConfigReference {
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
        for (OptionHolder holder : OptionRegistry.HOLDERS) add(out, holder);
        return out;
    }

    /** The Markdown table: header and one row per option. */
    public static String markdown() {
        StringBuilder sb = new StringBuilder("| key | default | description |\n|---|---|---|\n");
        for (Entry e : entries()) sb.append(e.row()).append('\n');
        return sb.toString();
    }

    private static void add(List<Entry> out, OptionHolder holder) {
        String prefix = holder.documentedPrefix();
        for (ConfigOption<?> option : holder.options()) {
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
            List<String> former = new ArrayList<>();
            for (FallbackKey k : option.fallbackKeys())
                if (k.isDeprecated()) former.add("`" + prefix + k.getKey() + "`");
            if (!former.isEmpty()) {
                description += " Formerly " + String.join(", ", former) + " (still read, with a warning).";
            }
            out.add(new Entry(prefix + option.key(), def == null ? null : render(def), description));
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
