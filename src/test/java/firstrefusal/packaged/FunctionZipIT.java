package firstrefusal.packaged;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * What {@code target/function.zip} holds, held to a list: the jars it ships (an exact list, so a new dependency,
 * or a new version of one, is a change someone chose), no dev-only classes and no empty folder, and every entry at
 * one fixed instant in name order, as {@code src/build/ReproducibleZip.java} writes it.
 */
class FunctionZipIT {

    private static final Path ZIP = Path.of(System.getProperty("project.build.directory", "target"), "function.zip");
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

    private static List<ZipEntry> entries() throws IOException {
        try (ZipFile zip = new ZipFile(ZIP.toFile())) {
            return zip.stream().map(ZipEntry.class::cast).toList();
        }
    }

}
