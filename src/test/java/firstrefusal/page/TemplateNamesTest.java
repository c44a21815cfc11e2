package firstrefusal.page;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The page's template file names keep the function zip the same bytes from every build. Quarkus 3.36's Qute extension
 * records the templates at build time as a {@code HashMap} filled in the order it walks the template folder; two names
 * in one bucket of that map come out in walk order, which differs between a folder and a jar and from one file system
 * to another, and so the recorded class differs (FunctionZipIT found it with {@code layout.html} and
 * {@code whatIf.html}). Until the extension sorts them, no two names share a bucket.
 */
class TemplateNamesTest {

    private static final Path TEMPLATES = Path.of("templates");

    @Test
    void noTwoTemplateNamesShareABucketOfTheMapQuteRecordsThemIn() throws IOException {
        List<String> names;
        try (Stream<Path> files = Files.walk(TEMPLATES)) {
            names = files.filter(Files::isRegularFile).map(f -> TEMPLATES.relativize(f).toString().replace('\\', '/'))
                    .sorted().toList();
        }
        assertThat(names).as("templates under %s", TEMPLATES).isNotEmpty();
        int buckets = tableSize(names.size());
        Map<Integer, List<String>> byBucket = names.stream()
                .collect(Collectors.groupingBy(name -> bucket(name, buckets), TreeMap::new, Collectors.toList()));
        assertThat(byBucket.values()).as("template names by bucket of a HashMap of %d buckets; rename one of a pair",
                buckets).allSatisfy(sharing -> assertThat(sharing).hasSize(1));
    }

    /** The table a default HashMap has after {@code entries} puts: 16 buckets, doubled past three quarters full. */
    static int tableSize(int entries) {
        int size = 16;
        while (entries > size * 3 / 4) {
            size *= 2;
        }
        return size;
    }

    /** The bucket HashMap puts a key in: its hash with the high half folded in, masked to the table. */
    static int bucket(String key, int tableSize) {
        int h = key.hashCode();
        return (h ^ (h >>> 16)) & (tableSize - 1);
    }

    @Test
    void theBucketsAreHashMapsOwn() {
        // The pair the zip test caught share bucket 1 of 16; the rename moved the layout to bucket 4.
        assertThat(bucket("layout.html", 16)).isEqualTo(bucket("whatIf.html", 16)).isEqualTo(1);
        assertThat(bucket("frame.html", 16)).isEqualTo(4);
        assertThat(tableSize(12)).isEqualTo(16);
        assertThat(tableSize(13)).isEqualTo(32);
    }
}
