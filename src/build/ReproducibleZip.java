import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Rewrites the function zip the Quarkus build writes so that two builds of one commit give the same bytes: every
 * entry stamped with one fixed instant, in name order, with a fixed mode (755 for the native {@code bootstrap}, 644
 * for the rest), and no directory entry that holds no file. Every entry under a folder named after the zip (the
 * dev-only package, {@code firstrefusal/dev/}, compiled from {@code src/dev/java}) is left out, so what only dev mode
 * and the tests use never ships. Run by the build (see the pom) as
 * {@code java src/build/ReproducibleZip.java <zip> [<folder to leave out>...]}: a source file the JDK runs as it is,
 * so the build needs no plugin for it.
 */
public final class ReproducibleZip {

    /** 1980-02-01T00:00:00Z: the earliest instant a zip entry's DOS time holds in every time zone. */
    static final FileTime FIXED = FileTime.from(java.time.Instant.parse("1980-02-01T00:00:00Z"));
    private static final Set<PosixFilePermission> EXECUTABLE = PosixFilePermissions.fromString("rwxr-xr-x");
    private static final Set<PosixFilePermission> READABLE = PosixFilePermissions.fromString("rw-r--r--");

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            throw new IllegalArgumentException("usage: ReproducibleZip <zip> [<folder to leave out>...]");
        }
        List<String> leftOut = List.of(args).subList(1, args.length);
        Path zip = Path.of(args[0]).toAbsolutePath();
        if (!Files.isRegularFile(zip)) {
            throw new IllegalArgumentException(zip + " is not a file");
        }
        Path rewritten = zip.resolveSibling(zip.getFileName() + ".reproducible");
        Files.deleteIfExists(rewritten);
        int entries = rewrite(zip, rewritten, leftOut);
        Files.move(rewritten, zip, StandardCopyOption.REPLACE_EXISTING);
        System.out.println("ReproducibleZip: " + zip.getFileName() + ", " + entries + " entries at " + FIXED + ", "
                + Files.size(zip) + " bytes");
    }

    private static int rewrite(Path from, Path to, List<String> leftOut) throws IOException {
        TreeMap<String, ZipEntry> files = new TreeMap<>();
        try (ZipFile source = new ZipFile(from.toFile())) {
            source.stream().filter(e -> !e.isDirectory()).filter(e -> leftOut.stream().noneMatch(e.getName()::startsWith))
                    .forEach(e -> files.put(e.getName(), e));
            List<String> folders = folders(files.keySet());
            Map<String, String> create = Map.of("create", "true", "enablePosixFileAttributes", "true");
            // Folders and files in one name order: a folder's name sorts before everything in it.
            java.util.TreeSet<String> names = new java.util.TreeSet<>(folders);
            names.addAll(files.keySet());
            try (FileSystem out = FileSystems.newFileSystem(URI.create("jar:" + to.toUri()), create)) {
                for (String name : names) {
                    Path path = out.getPath(name);
                    ZipEntry entry = files.get(name);
                    if (entry == null) {
                        Files.createDirectories(path);
                        stamp(path, EXECUTABLE);
                        continue;
                    }
                    try (InputStream in = source.getInputStream(entry)) {
                        Files.copy(in, path);
                    }
                    stamp(path, name.equals("bootstrap") ? EXECUTABLE : READABLE);
                }
            }
            return folders.size() + files.size();
        }
    }

    /** Every folder that holds a file, parents first, in name order. */
    private static List<String> folders(Iterable<String> files) {
        TreeMap<String, Boolean> folders = new TreeMap<>();
        for (String name : files) {
            for (int slash = name.indexOf('/'); slash > 0; slash = name.indexOf('/', slash + 1)) {
                folders.put(name.substring(0, slash + 1), true);
            }
        }
        return new ArrayList<>(folders.keySet());
    }

    private static void stamp(Path path, Set<PosixFilePermission> mode) throws IOException {
        Files.setPosixFilePermissions(path, mode);
        Files.getFileAttributeView(path, java.nio.file.attribute.BasicFileAttributeView.class).setTimes(FIXED, FIXED, FIXED);
    }
}
