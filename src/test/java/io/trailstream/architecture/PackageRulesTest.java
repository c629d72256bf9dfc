package io.trailstream.architecture;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import io.trailstream.architecture.cycle.a.First;
import io.trailstream.architecture.cycle.b.Second;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The import rules of trailstream's packages: no circle between packages, at any depth, and imports go
 * downwards only, cli → job → (routing, object, record, control, integrity, iceberg) → (notification,
 * kinesis, aws and the small shared packages input, trail, ledger, metrics). {@link #ALLOWED} says which
 * top-level package may import which; a new package must be placed there, a new edge allowed there on purpose.
 */
class PackageRulesTest {
    private static final String ROOT = "io.trailstream";

    private static final Set<String> BASE =
            Set.of("notification", "kinesis", "aws", "input", "trail", "ledger", "metrics", "classloading");
    private static final Set<String> DOMAIN =
            Set.of("routing", "object", "record", "control", "integrity", "iceberg", "onboarding", "maintenance");

    /** For each top-level package, the trailstream packages it may import (besides itself). */
    private static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
            Map.entry("aws", Set.of()),
            Map.entry("input", Set.of()),
            Map.entry("metrics", Set.of()),
            // What the job gives back when a TaskManager releases its class loader: operators register it.
            Map.entry("classloading", Set.of()),
            Map.entry("trail", Set.of()),
            Map.entry("kinesis", Set.of("aws")),
            Map.entry("notification", Set.of("input", "metrics", "classloading")),
            Map.entry("ledger", Set.of("notification", "trail")),
            Map.entry("record", Set.of()),
            Map.entry("control", Set.of("input", "metrics", "classloading")),
            Map.entry(
                    "routing", Set.of("control", "notification", "trail", "ledger", "metrics", "aws", "classloading")),
            Map.entry("onboarding", Set.of("aws")),
            Map.entry(
                    "object",
                    Set.of("routing", "record", "notification", "trail", "ledger", "aws", "metrics", "classloading")),
            Map.entry("iceberg", Set.of("control", "record", "ledger", "trail", "input", "integrity")),
            Map.entry(
                    "integrity",
                    Set.of(
                            "object",
                            "control",
                            "record",
                            "notification",
                            "trail",
                            "ledger",
                            "aws",
                            "metrics",
                            "input",
                            "classloading")),
            // Table upkeep: Iceberg's Flink maintenance over trailstream's catalog.
            Map.entry("maintenance", Set.of("iceberg")),
            Map.entry("job", union(BASE, DOMAIN)),
            // The local Flink cluster (start, submit, stop): beside cli, above job.
            Map.entry("cluster", union(BASE, DOMAIN, Set.of("job"))),
            Map.entry("cli", union(BASE, DOMAIN, Set.of("job", "cluster"))));

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);

    @Test
    void noCircleBetweenTopLevelPackages() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void noCircleBetweenAnyPackages() {
        slices().matching(ROOT + ".(**)").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void importsGoDownwardsOnly() {
        layeredArchitecture()
                .consideringOnlyDependenciesInLayers()
                .layer("cli")
                .definedBy(ROOT + ".cli..")
                .layer("job")
                .definedBy(ROOT + ".job..")
                .layer("domain")
                .definedBy(packages(DOMAIN))
                .layer("base")
                .definedBy(packages(BASE))
                .whereLayer("cli")
                .mayNotBeAccessedByAnyLayer()
                .whereLayer("job")
                .mayOnlyBeAccessedByLayers("cli")
                .whereLayer("domain")
                .mayOnlyBeAccessedByLayers("job", "cli")
                .whereLayer("base")
                .mayOnlyBeAccessedByLayers("domain", "job", "cli")
                .check(MAIN);
    }

    @Test
    void everyPackageImportsOnlyWhatItIsAllowedTo() {
        Map<String, Set<String>> unexpected = new TreeMap<>();
        Set<String> unplaced = new TreeSet<>();
        for (JavaClass c : MAIN) {
            String from = topLevel(c.getPackageName());
            if (from == null) continue;
            Set<String> allowed = ALLOWED.get(from);
            if (allowed == null) {
                unplaced.add(from);
                continue;
            }
            c.getDirectDependenciesFromSelf().forEach(d -> {
                String to = topLevel(d.getTargetClass().getPackageName());
                if (to != null && !to.equals(from) && !allowed.contains(to)) {
                    unexpected
                            .computeIfAbsent(from + " -> " + to, k -> new TreeSet<>())
                            .add(c.getSimpleName() + " uses "
                                    + d.getTargetClass().getSimpleName());
                }
            });
        }
        assertThat(unplaced).as("top-level packages missing from ALLOWED").isEmpty();
        assertThat(unexpected).as("imports not in ALLOWED").isEmpty();
    }

    @Test
    void theRulesSeeACircleWhenThereIsOne() {
        JavaClasses circle = new ClassFileImporter().importClasses(First.class, Second.class);
        ArchRule rule =
                slices().matching(ROOT + ".architecture.cycle.(*)..").should().beFreeOfCycles();
        EvaluationResult result = rule.evaluate(circle);
        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().toString()).contains("Cycle detected", "a", "b");
    }

    /** The top-level package below {@code io.trailstream}, or null for a class outside it. */
    private static String topLevel(String packageName) {
        if (!packageName.startsWith(ROOT + ".")) return null;
        String rest = packageName.substring(ROOT.length() + 1);
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }

    private static String[] packages(Set<String> names) {
        return names.stream().map(n -> ROOT + "." + n + "..").toArray(String[]::new);
    }

    @SafeVarargs
    private static Set<String> union(Set<String>... sets) {
        Set<String> all = new TreeSet<>();
        for (Set<String> s : sets) all.addAll(s);
        return all;
    }
}
