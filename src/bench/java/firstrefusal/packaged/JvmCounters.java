package firstrefusal.packaged;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JVM's own account of a cold start, read from its performance counters ({@code jcmd <pid> PerfCounter.print}) right
 * after the first answer: how long it spent loading, verifying, linking and initialising classes and collecting, and how
 * many classes it loaded. (This JDK keeps no counter of parsing or compiling time.) The times nest: loading includes the
 * static initialisers it runs, and they include the classes they load. JFR samples see only Java code running; this sees the JVM's work around it.
 */
record JvmCounters(Map<String, Long> values) {

    /** What the tables show, in milliseconds unless said: counter name, then its label. */
    static final Map<String, String> SHOWN = new LinkedHashMap<>();

    static {
        String[][] shown = {
            {"sun.cls.time", "loading classes, all"}, {"sun.cls.classVerifyTime", "of which verifying"},
            {"sun.cls.classLinkedTime", "linking (verifying included)"}, {"sun.cls.classInitTime", "static initialisers"},
            {"gc", "garbage collection"}, {"java.cls.loadedClasses", "classes loaded (count)"},
            {"java.cls.sharedLoadedClasses", "of which from the JDK's CDS archive (count)"}};
        for (String[] counter : shown) {
            SHOWN.put(counter[0], counter[1]);
        }
    }

    static JvmCounters read(Path jcmd, long pid) {
        try {
            Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "PerfCounter.print").redirectErrorStream(true).start();
            List<String> lines = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
            p.waitFor();
            Map<String, Long> raw = new LinkedHashMap<>();
            for (String line : lines) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    try {
                        raw.put(line.substring(0, eq), Long.parseLong(line.substring(eq + 1).strip()));
                    } catch (NumberFormatException notANumber) {
                        // strings (names, paths): not wanted here
                    }
                }
            }
            double ticksPerMs = raw.getOrDefault("sun.os.hrt.frequency", 1_000_000_000L) / 1000.0;
            Map<String, Long> values = new LinkedHashMap<>();
            for (String name : SHOWN.keySet()) {
                if (name.equals("gc")) {
                    values.put(name, Math.round((raw.getOrDefault("sun.gc.collector.0.time", 0L) + raw.getOrDefault("sun.gc.collector.1.time", 0L))
                            / ticksPerMs));
                } else if (name.startsWith("java.cls.")) {
                    values.put(name, raw.getOrDefault(name, -1L));
                } else {
                    values.put(name, raw.containsKey(name) ? Math.round(raw.get(name) / ticksPerMs) : -1L);
                }
            }
            return new JvmCounters(values);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
