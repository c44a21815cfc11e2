package firstrefusal.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The class preload lists still name the classes the code has: a list older than the code only loses the head
 * start, but a list mostly stale should be written again (ColdStartBench, -Dbench.preload.write).
 */
class ClassPreloadListTest {

    @ParameterizedTest(name = "preload/{0}.txt")
    @ValueSource(strings = {"decide", "notify", "status-page"})
    void almostEveryListedClassExists(String handler) throws IOException {
        List<String> names;
        try (InputStream in = ClassPreload.class.getResourceAsStream("/preload/" + handler + ".txt")) {
            assertThat(in).as("preload/%s.txt", handler).isNotNull();
            names = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        }
        List<String> missing = names.stream().filter(name -> {
            try {
                Class.forName(name, false, ClassPreload.class.getClassLoader());
                return false;
            } catch (ClassNotFoundException | LinkageError e) {
                return true;
            }
        }).toList();

        assertThat(names).hasSizeGreaterThan(500);
        assertThat(missing.size()).as("classes the list names that do not exist; regenerate it if many: %s",
                missing.stream().limit(20).toList()).isLessThan(names.size() / 20);
    }
}
