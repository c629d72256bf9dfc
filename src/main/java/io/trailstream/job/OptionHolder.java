package io.trailstream.job;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.FallbackKey;

/**
 * One class holding typed {@link ConfigOption}s ({@code public static final} fields), with where its keys are
 * read: as declared, or under one or more prefixes (the Kinesis source's options under {@code
 * notifications.kinesis.} and {@code control.kinesis.}). It may also pass keys under a free-form prefix on as
 * they are ({@code catalog.property.*} to Iceberg) and share a namespace with Flink ({@code s3.*}, which
 * Flink's S3 filesystems read, and where the object store's deprecated keys are). {@link OptionRegistry} lists every holder.
 */
public final class OptionHolder {
    private final Class<?> holder;
    private final List<String> prefixes;
    private final List<String> freeFormPrefixes;
    private final List<String> sharedNamespaces;

    private OptionHolder(Class<?> holder, List<String> prefixes, List<String> freeForm, List<String> shared) {
        this.holder = holder;
        this.prefixes = List.copyOf(prefixes);
        this.freeFormPrefixes = List.copyOf(freeForm);
        this.sharedNamespaces = List.copyOf(shared);
    }

    /** A holder whose keys are read as declared. */
    public static OptionHolder of(Class<?> holder) {
        return new OptionHolder(holder, List.of(""), List.of(), List.of());
    }

    /** The same options read under each of {@code prefixes} instead (each ends with a dot). */
    public OptionHolder under(String... prefixes) {
        return new OptionHolder(holder, List.of(prefixes), freeFormPrefixes, sharedNamespaces);
    }

    /** Keys under {@code prefix} (ending with a dot) are passed on as they are, whatever follows. */
    public OptionHolder freeForm(String prefix) {
        List<String> freeForm = new ArrayList<>(freeFormPrefixes);
        freeForm.add(prefix);
        return new OptionHolder(holder, prefixes, freeForm, sharedNamespaces);
    }

    /** Flink reads keys of {@code namespace} (ending with a dot) as well: an unknown one there is not an error. */
    public OptionHolder sharedWithFlink(String namespace) {
        List<String> shared = new ArrayList<>(sharedNamespaces);
        shared.add(namespace);
        return new OptionHolder(holder, prefixes, freeFormPrefixes, shared);
    }

    public Class<?> holder() {
        return holder;
    }

    public List<String> prefixes() {
        return prefixes;
    }

    public List<String> freeFormPrefixes() {
        return freeFormPrefixes;
    }

    public List<String> sharedNamespaces() {
        return sharedNamespaces;
    }

    /** The options the holder declares, in declaration order. */
    public List<ConfigOption<?>> options() {
        List<ConfigOption<?>> out = new ArrayList<>();
        for (Field f : holder.getFields()) {
            if (!Modifier.isStatic(f.getModifiers()) || !ConfigOption.class.isAssignableFrom(f.getType())) continue;
            try {
                out.add((ConfigOption<?>) f.get(null));
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("cannot read " + f, e);
            }
        }
        return out;
    }

    /** Every full key the holder's options are read under, fallback and deprecated keys included. */
    public List<String> keys() {
        List<String> keys = new ArrayList<>();
        for (String prefix : prefixes) {
            for (ConfigOption<?> option : options()) {
                keys.add(prefix + option.key());
                for (FallbackKey fallback : option.fallbackKeys()) keys.add(prefix + fallback.getKey());
            }
        }
        return keys;
    }

    /** The keys the holder's options are read under, without their fallback and deprecated keys. */
    public List<String> primaryKeys() {
        List<String> keys = new ArrayList<>();
        for (String prefix : prefixes) {
            for (ConfigOption<?> option : options()) keys.add(prefix + option.key());
        }
        return keys;
    }

    /** Each deprecated key of the holder's options (under each prefix), to the key that replaced it. */
    public Map<String, String> deprecatedKeys() {
        Map<String, String> keys = new LinkedHashMap<>();
        for (String prefix : prefixes) {
            for (ConfigOption<?> option : options()) {
                for (FallbackKey k : option.fallbackKeys()) {
                    if (k.isDeprecated()) keys.put(prefix + k.getKey(), prefix + option.key());
                }
            }
        }
        return keys;
    }

    /**
     * How the documentation names the prefixes at once: the prefix itself, or for prefixes that differ only in
     * their first part {@code {notifications,control}.kinesis.}.
     */
    public String documentedPrefix() {
        if (prefixes.size() == 1) return prefixes.get(0);
        String rest = prefixes.get(0).substring(prefixes.get(0).indexOf('.') + 1);
        List<String> heads = new ArrayList<>();
        for (String p : prefixes) {
            int dot = p.indexOf('.');
            if (dot < 0 || !p.substring(dot + 1).equals(rest)) return String.join(" | ", prefixes);
            heads.add(p.substring(0, dot));
        }
        return "{" + String.join(",", heads) + "}." + rest;
    }

    @Override
    public String toString() {
        return holder.getSimpleName() + (prefixes.equals(List.of("")) ? "" : " under " + prefixes);
    }
}
