package firstrefusal.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * src/docs/architecture.md is the newcomer's map: every package it names exists, and every package of the code is on
 * it. Its layout block nests folders by indentation, two spaces a level, as the tree does.
 */
class ArchitecturePageTest {

    private static final Path PAGE = Path.of("src/docs/architecture.md");

    @Test
    void theLayoutNamesEveryPackageAndOnlyPackagesThatExist() throws IOException {
        Set<String> named = namedFolders();
        Set<String> actual = new TreeSet<>();
        for (String root : List.of("src/main/java/", "src/dev/java/")) {
            try (Stream<Path> files = Files.walk(Path.of(root))) {
                files.filter(p -> p.toString().endsWith(".java"))
                        .forEach(p -> actual.add(root + Path.of(root).relativize(p.getParent()).toString().replace('\\', '/') + "/"));
            }
        }

        assertThat(actual).as("packages of the code the page does not name").isSubsetOf(named);
        assertThat(named).as("folders the page names").allSatisfy(folder -> assertThat(Path.of(folder)).isDirectory());
    }

    /** The folders of the layout block, as full paths: a line starting with a name ending in '/' is a folder. */
    private static Set<String> namedFolders() throws IOException {
        List<String> lines = Files.readAllLines(PAGE);
        int start = lines.indexOf("src/main/java/firstrefusal/");
        assertThat(start).as("the layout block of %s", PAGE).isNotNegative();
        Set<String> folders = new TreeSet<>();
        List<String> stack = new ArrayList<>();
        String root = "src/main/java/firstrefusal/";
        for (String line : lines.subList(start, lines.size())) {
            if (line.startsWith("```")) {
                break;
            }
            if (line.startsWith("src/")) {
                root = line.strip();
                stack.clear();
                folders.add(root);
                continue;
            }
            String token = line.strip().split("\\s+")[0];
            if (!token.endsWith("/") || line.isBlank()) {
                continue;
            }
            int level = (line.length() - line.stripLeading().length()) / 2 - 1;
            while (stack.size() > level) {
                stack.removeLast();
            }
            stack.add(token);
            folders.add(root + String.join("", stack));
        }
        return folders;
    }
}
