package firstrefusal.packaged;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A JDK to start the function with, named by its home; its feature release and build are asked of its java. */
record Jdk(String id, Path home, int feature, String version) {

    /** {@code -Dbench.java21.home=} and {@code -Dbench.java25.home=}; java25 defaults to this JVM's home if it is 25+. */
    static List<Jdk> fromProperties() {
        List<Jdk> jdks = new ArrayList<>();
        home("bench.java21.home").ifPresent(home -> jdks.add(of(home)));
        Optional<Path> java25 = home("bench.java25.home");
        if (java25.isEmpty() && Runtime.version().feature() >= 25) {
            java25 = Optional.of(Path.of(System.getProperty("java.home")));
        }
        java25.ifPresent(home -> jdks.add(of(home)));
        if (jdks.isEmpty()) {
            throw new IllegalStateException("No JDK to measure: give -Dbench.java21.home= and/or -Dbench.java25.home=");
        }
        return List.copyOf(jdks);
    }

    static Jdk of(Path home) {
        Path java = home.resolve("bin").resolve("java");
        if (!Files.isExecutable(java)) {
            throw new IllegalStateException("No java under " + home);
        }
        try {
            Process process = new ProcessBuilder(java.toString(), "-XshowSettings:properties", "-version")
                    .redirectErrorStream(true).start();
            List<String> lines = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
            process.waitFor();
            int feature = lines.stream().map(String::strip).filter(l -> l.startsWith("java.specification.version = "))
                    .map(l -> Integer.parseInt(l.substring(l.indexOf('=') + 1).strip())).findFirst()
                    .orElseThrow(() -> new IllegalStateException(java + " did not report its version"));
            // The runtime line, e.g. "OpenJDK Runtime Environment Temurin-25.0.3+9 (build 25.0.3+9-LTS)".
            String version = lines.stream().filter(l -> l.contains("Runtime Environment") && l.contains("(build")).findFirst().orElse("?").strip();
            return new Jdk("jdk" + feature, home, feature, version);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Path java() {
        return home.resolve("bin").resolve("java");
    }

    String label() {
        return "JDK " + feature;
    }

    private static Optional<Path> home(String property) {
        String value = System.getProperty(property);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(Path.of(value));
    }
}
