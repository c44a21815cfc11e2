package firstrefusal.packaged;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * What {@code target/function.zip} holds, held to a list: the jars it ships (an exact list, so a new dependency,
 * or a new version of one, is a change someone chose), no dev-only classes and no empty folder, and every entry at
 * one fixed instant in name order, as {@code src/build/ReproducibleZip.java} writes it; and the same bytes from a second,
 * independent build of the same sources.
 */
class FunctionZipIT {

    private static final Path ZIP = Path.of(System.getProperty("project.build.directory", "target"), "function.zip");
    /** The pom's second build of the same classes (quarkus-maven-plugin's {@code rebuild-function-zip} execution). */
    private static final Path REBUILT = Path.of(System.getProperty("project.build.directory", "target"), "rebuild", "function.zip");
    private static final boolean NATIVE = Boolean.getBoolean("packaged.native");
    private static final Instant FIXED = Instant.parse("1980-02-01T00:00:00Z");

    @Test
    void theZipShipsExactlyTheJarsOnTheAllowList() throws IOException {
        Set<String> allowed = new TreeSet<>(new String(FunctionZipIT.class.getResourceAsStream("/function-zip-jars.txt")
                .readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList());
        Set<String> shipped = new TreeSet<>();
        for (ZipEntry e : entries()) {
            if (e.getName().startsWith("lib/") && e.getName().endsWith(".jar")) {
                shipped.add(e.getName().substring("lib/".length()));
            }
        }
        if (NATIVE) {
            assertThat(shipped).as("the native zip is its bootstrap alone").isEmpty();
            assertThat(entries()).extracting(ZipEntry::getName).contains("bootstrap");
            return;
        }
        assertThat(shipped).as("jars in function.zip against src/test/resources/function-zip-jars.txt").isEqualTo(allowed);
        assertThat(shipped).as("one org.crac, no Apache HTTP client")
                .filteredOn(j -> j.contains("crac")).containsExactly("org.crac.crac-1.5.0.jar");
        assertThat(shipped).noneMatch(j -> j.contains("apache-client") || j.contains("apache5-client") || j.contains("httpclient"));
    }

    @Test
    void noDevClassAndNoEmptyFolderIsShipped() throws IOException {
        List<ZipEntry> entries = entries();
        assertThat(entries).extracting(ZipEntry::getName).noneMatch(n -> n.startsWith("firstrefusal/dev/"));
        for (ZipEntry folder : entries.stream().filter(ZipEntry::isDirectory).toList()) {
            assertThat(entries).as("%s holds a file", folder.getName())
                    .anyMatch(e -> !e.isDirectory() && e.getName().startsWith(folder.getName()));
        }
    }

    @Test
    void everyEntryIsStampedWithOneFixedInstantInNameOrder() throws IOException {
        List<ZipEntry> entries = entries();
        assertThat(entries).allSatisfy(e -> assertThat(e.getLastModifiedTime().toInstant()).as(e.getName()).isEqualTo(FIXED));
        List<String> names = new ArrayList<>(entries.stream().map(ZipEntry::getName).toList());
        names.remove("META-INF/MANIFEST.MF"); // a jar's manifest goes first, by the zip file system's own rule
        assertThat(names).isSorted();
    }

    /**
     * Two builds of one commit give the same bytes. Before the integration tests the pom builds the same classes a second
     * time into {@code target/rebuild/}: an execution of its own, so Quarkus bootstraps the application anew (its own
     * class loaders, build threads and bytecode recorders) instead of reusing the first build's, and reads the compiled
     * classes from the project's jar where the first read {@code target/classes} (the same files either way); its zip is
     * rewritten by the same {@code ReproducibleZip}. The compiler runs once: what is compared is Quarkus' build and
     * packaging. Quarkus 3.34 failed here: its recorders numbered their proxy keys from one
     * counter that parallel build steps shared, and its generated config classes listed the mappings in varying order
     * (about 20 classes under {@code io/quarkus/runner/recorded/} and {@code io/quarkus/runtime/generated/}).
     */
    @Test
    void aSecondBuildOfTheSameSourcesGivesTheSameBytes() throws IOException {
        assumeFalse(NATIVE, "the native zip is built once: a second native build would take minutes");
        assumeFalse(Boolean.getBoolean("function-zip.rebuild.skip"), "the second build was skipped (-Dfunction-zip.rebuild.skip)");
        assertThat(REBUILT).as("the second build's zip, from the pom's rebuild-function-zip execution").isRegularFile();
        long mismatch = Files.mismatch(ZIP, REBUILT);
        if (mismatch == -1) {
            return;
        }
        Map<String, String> first = contents(ZIP);
        Map<String, String> second = contents(REBUILT);
        Set<String> differing = new TreeSet<>();
        for (String name : union(first.keySet(), second.keySet())) {
            if (!Objects.equals(first.get(name), second.get(name))) {
                differing.add(name + " (" + first.getOrDefault(name, "absent") + " / " + second.getOrDefault(name, "absent") + ")");
            }
        }
        assertThat(differing).as("entries whose content differs between %s and %s", ZIP, REBUILT).isEmpty();
        assertThat(mismatch).as("first differing byte of %s and %s (every entry's content is the same: the zip's own "
                + "metadata differs)", ZIP, REBUILT).isEqualTo(-1L);
    }

    /** Each entry's name with its size and CRC-32, in name order. */
    private static Map<String, String> contents(Path zip) throws IOException {
        Map<String, String> contents = new TreeMap<>();
        try (ZipFile file = new ZipFile(zip.toFile())) {
            file.stream().forEach(e -> contents.put(e.getName(), e.getSize() + " bytes, crc " + Long.toHexString(e.getCrc())));
        }
        return contents;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> union = new TreeSet<>(a);
        union.addAll(b);
        return union;
    }

    private static List<ZipEntry> entries() throws IOException {
        try (ZipFile zip = new ZipFile(ZIP.toFile())) {
            return zip.stream().map(ZipEntry.class::cast).toList();
        }
    }

}
