package io.trailstream.job;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refuses keys in trailstream's own namespaces that no registered option holder declares, so that a typo such
 * as {@code fetch.concurency} stops the job with its name and the nearest known key instead of running on the
 * default. A namespace is trailstream's when one of its options lives there ({@code fetch.}, {@code catalog.},
 * {@code notifications.}, ...); every other key (Flink's own: {@code execution.*}, {@code state.*}, ...) passes.
 * Keys under a holder's free-form prefix ({@code catalog.property.*}) pass as they are; in a namespace shared
 * with Flink ({@code s3.}, where the object store's keys were before they moved to {@code fetch.s3.}) an unknown key
 * passes, with a warning when it is close to one of ours. Deprecated keys pass: {@link #deprecatedAmong} names them
 * with their replacements.
 */
public final class UnknownKeys {
    private static final Logger LOG = LoggerFactory.getLogger(UnknownKeys.class);

    /** A key of ours that no option declares, and the declared key closest to it. */
    public record Unknown(String key, String nearest) {
        public String message() {
            return "unknown option '" + key + "' (did you mean '" + nearest + "'?)";
        }
    }

    private final Set<String> known = new TreeSet<>();
    /** Deprecated keys (still read) to the keys that replaced them. */
    private final Map<String, String> deprecated = new TreeMap<>();

    private final List<String> freeForm = new ArrayList<>();
    private final Set<String> owned = new TreeSet<>();
    private final Set<String> shared = new TreeSet<>();
    /** Prefixes that narrow the candidates for the nearest key, longest first. */
    private final List<String> scopes = new ArrayList<>();

    private UnknownKeys(List<OptionHolder> holders) {
        Set<String> scopeSet = new LinkedHashSet<>();
        Set<String> primary = new TreeSet<>();
        for (OptionHolder h : holders) {
            known.addAll(h.keys());
            primary.addAll(h.primaryKeys());
            deprecated.putAll(h.deprecatedKeys());
            freeForm.addAll(h.freeFormPrefixes());
            shared.addAll(h.sharedNamespaces());
            h.prefixes().stream().filter(p -> !p.isEmpty()).forEach(scopeSet::add);
            scopeSet.addAll(h.freeFormPrefixes());
        }
        // A namespace is ours by the keys we declare now: deprecated ones may sit in Flink's (s3.).
        for (String key : primary) owned.add(namespace(key));
        for (String prefix : freeForm) owned.add(namespace(prefix));
        owned.removeAll(shared);
        scopeSet.addAll(owned);
        scopeSet.addAll(shared);
        scopes.addAll(scopeSet);
        scopes.sort(Comparator.comparingInt(String::length).reversed());
    }

    /** The check over every holder of {@link OptionRegistry}. */
    public static UnknownKeys registered() {
        return new UnknownKeys(OptionRegistry.HOLDERS);
    }

    public static UnknownKeys of(List<OptionHolder> holders) {
        return new UnknownKeys(holders);
    }

    /** The namespaces checked: those of trailstream's options, less the ones shared with Flink. */
    public Set<String> ownedNamespaces() {
        return owned;
    }

    /** The keys among {@code keys} that are in a namespace of ours but unknown, in the given order. */
    public List<Unknown> find(Iterable<String> keys) {
        List<Unknown> unknown = new ArrayList<>();
        for (String key : keys) {
            if (known.contains(key) || isFreeForm(key)) continue;
            String namespace = namespace(key);
            if (owned.contains(namespace)) {
                unknown.add(new Unknown(key, nearest(key)));
            } else if (shared.contains(namespace)) {
                String nearest = nearest(key);
                if (distance(key, nearest) <= 2) {
                    nearest = deprecated.getOrDefault(nearest, nearest);
                    LOG.warn(
                            "'{}' is not a trailstream option (did you mean '{}'?); passed on: Flink reads {}* keys"
                                    + " too",
                            key,
                            nearest,
                            namespace);
                }
            }
        }
        return unknown;
    }

    /**
     * The deprecated keys among {@code keys}, each to the key that replaced it, in the given order; a deprecated key
     * set beside its replacement is listed too (the replacement wins).
     */
    public Map<String, String> deprecatedAmong(Iterable<String> keys) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String key : keys) {
            if (deprecated.containsKey(key)) out.put(key, deprecated.get(key));
        }
        return out;
    }

    private boolean isFreeForm(String key) {
        return freeForm.stream().anyMatch(p -> key.startsWith(p) && key.length() > p.length());
    }

    /** The known key closest to {@code key} (edit distance), among those of its narrowest scope. */
    String nearest(String key) {
        String scope = scopes.stream().filter(key::startsWith).findFirst().orElse("");
        List<String> candidates = new ArrayList<>();
        for (String k : known) if (k.startsWith(scope)) candidates.add(k);
        for (String p : freeForm) if (p.startsWith(scope)) candidates.add(p + tail(key, p));
        if (candidates.isEmpty()) candidates.addAll(known);
        return candidates.stream()
                .min(Comparator.comparingInt((String c) -> distance(key, c)).thenComparing(c -> c))
                .orElse("");
    }

    /** What follows as many dotted parts of {@code key} as {@code prefix} has. */
    private static String tail(String key, String prefix) {
        int parts = prefix.split("\\.").length;
        String[] segments = key.split("\\.", parts + 1);
        return segments.length > parts ? segments[parts] : "";
    }

    private static String namespace(String key) {
        int dot = key.indexOf('.');
        return dot < 0 ? key : key.substring(0, dot + 1);
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) previous[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
