package io.trailstream.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One input shape of the benchmark: what {@code gen_cloudtrail.py} is asked to write. The three shapes of issue 7
 * are a day of a busy trail (400 files x 1,000 records), an Organization trail of many small files (4,000 x 25,
 * 20 accounts) and one file of about 1 GiB of JSON. {@code name:files} scales a shape down while developing.
 */
record BenchShape(String name, String description, int files, String recordsPerFile, List<String> extraArgs) {

    static BenchShape parse(String spec) {
        String[] parts = spec.split(":", 2);
        BenchShape base;
        switch (parts[0]) {
            case "many":
                base = new BenchShape("many", "busy trail", 400, "1000", List.of("--accounts", "5", "--seed", "7"));
                break;
            case "small":
                base = new BenchShape(
                        "small",
                        "Organization trail, small files",
                        4000,
                        "25",
                        List.of("--accounts", "20", "--seed", "8", "--org-id", "auto"));
                break;
            case "big":
                // ~1,580 bytes of JSON per record: 680,000 records are about 1.07 GB (1 GiB) in one object.
                base = new BenchShape(
                        "big", "one ~1 GiB object", 1, "680000", List.of("--accounts", "1", "--seed", "9"));
                break;
            default:
                throw new IllegalArgumentException("unknown shape '" + parts[0] + "' (many, small, big)");
        }
        if (parts.length == 1) return base;
        int files = Integer.parseInt(parts[1]);
        return new BenchShape(base.name + "-" + files, base.description, files, base.recordsPerFile, base.extraArgs);
    }

    /** The generator's arguments, which are also the cache key of the generated folder. */
    List<String> generatorArgs() {
        List<String> args =
                new ArrayList<>(List.of("--files", String.valueOf(files), "--records-per-file", recordsPerFile));
        args.addAll(extraArgs);
        return args;
    }

    String cacheKey() {
        return String.join("_", generatorArgs()).replace("--", "").replaceAll("[^A-Za-z0-9_.-]", "-");
    }

    String title() {
        return String.format(Locale.ROOT, "%s (%s: %d x %s records)", name, description, files, recordsPerFile);
    }
}
