package io.trailstream.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The README is part of the product: its option table matches the declarations, its Quick start holds two commands. */
class ReadmeTest {
    private static final Path README = Path.of(System.getProperty("trailstream.project.dir", "."), "README.md");

    @Test
    void configurationTableIsTheGeneratedOne() throws Exception {
        String readme = Files.readString(README);
        assertThat(readme)
                .as("README's configuration table; regenerate it with io.trailstream.job.ConfigReference")
                .contains(ConfigReference.markdown());
    }

    @Test
    void everyOptionIsDocumentedOnce() throws Exception {
        String readme = Files.readString(README);
        for (ConfigReference.Entry e : ConfigReference.entries()) {
            assertThat(readme.split(Pattern.quote("| `" + e.key() + "` |"), -1))
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
}
