package io.trailstream.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The documentation is part of the product: docs/configuration.md's option table matches the declarations,
 * the README's Quick start holds two commands and its Prerequisites name what a user must install, and no
 * relative link of the README or of docs/ points to a file that does not exist.
 */
class DocumentationTest {
    private static final Path PROJECT = Path.of(System.getProperty("trailstream.project.dir", "."));
    private static final Path README = PROJECT.resolve("README.md");
    private static final Path CONFIGURATION = PROJECT.resolve("docs/configuration.md");

    @Test
    void configurationTableIsTheGeneratedOne() throws Exception {
        String doc = Files.readString(CONFIGURATION);
        assertThat(doc)
                .as("docs/configuration.md's table; regenerate it with io.trailstream.job.ConfigReference")
                .contains(ConfigReference.markdown());
    }

    @Test
    void everyOptionIsDocumentedOnce() throws Exception {
        String doc = Files.readString(CONFIGURATION);
        for (ConfigReference.Entry e : ConfigReference.entries()) {
            assertThat(doc.split(Pattern.quote("| `" + e.key() + "` |"), -1))
                    .as(e.key())
                    .hasSize(2);
            assertThat(e.description()).as("description of " + e.key()).isNotBlank();
        }
    }

    @Test
    void quickStartHoldsExactlyTwoCommands() throws Exception {
        String readme = Files.readString(README);
        Matcher m = Pattern.compile("^#+\\s*Quick start.*?```[a-z]*\\n(.*?)```", Pattern.DOTALL | Pattern.MULTILINE)
                .matcher(readme);
        assertThat(m.find()).as("a Quick start section with a fenced block").isTrue();
        List<String> commands = Arrays.stream(m.group(1).split("\n"))
                .map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .collect(Collectors.toList());
        assertThat(commands).containsExactly("./trailstream local", "mvn -B verify");
    }

    @Test
    void prerequisitesNameWhatAUserInstalls() throws Exception {
        String readme = Files.readString(README);
        Matcher m = Pattern.compile("^## Prerequisites\\n(.*?)^## ", Pattern.DOTALL | Pattern.MULTILINE)
                .matcher(readme);
        assertThat(m.find()).as("a Prerequisites section").isTrue();
        assertThat(m.group(1)).contains("Java 17", "Maven", "Node.js", "Python", "notebooks/requirements.txt");
        assertThat(readme.indexOf("## Prerequisites"))
                .as("Prerequisites follow the Quick start")
                .isGreaterThan(readme.indexOf("## Quick start"));
    }

    @Test
    void theConfigurationTableAndTheKinesisInternalsLiveInDocs() throws Exception {
        String readme = Files.readString(README);
        assertThat(readme).doesNotContain("| key | default | description |").contains("docs/configuration.md");
        assertThat(readme).doesNotContain("GetShardIterator + GetRecords").contains("docs/kinesis-source.md");
    }

    @Test
    void relativeLinksResolve() throws Exception {
        List<Path> documents = new ArrayList<>(List.of(README));
        try (Stream<Path> docs = Files.list(PROJECT.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).forEach(documents::add);
        }
        List<String> broken = new ArrayList<>();
        Pattern link = Pattern.compile("\\]\\(([^)#\\s]+)(#[^)]*)?\\)");
        for (Path document : documents) {
            Matcher m = link.matcher(Files.readString(document));
            while (m.find()) {
                String target = m.group(1);
                if (target.contains("://") || target.startsWith("mailto:")) continue;
                if (!Files.exists(document.getParent().resolve(target))) {
                    broken.add(PROJECT.relativize(document) + " -> " + target);
                }
            }
        }
        assertThat(broken).as("links to files that do not exist").isEmpty();
    }
}
