package firstrefusal.support;

import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * The offline verifier, src/verify/VerifyProof.java, as a library for the tests: it is not on the class path (it is a
 * single source file that a JDK runs as it is), so it is compiled once here and called through reflection. Being
 * written apart from the product's classes, it is the independent reading the product's output is held to.
 */
public final class IndependentVerifier {

    /** The verifier's verdict, copied out of its own record type. */
    public record Verdict(boolean verified, String message) {
    }

    public static final Path SOURCE = Path.of("src", "verify", "VerifyProof.java");

    private static Class<?> verifier;

    private IndependentVerifier() {
    }

    public static Verdict verify(String proofJson, String digestJson) {
        try {
            Object verdict = method("verify", String.class, String.class).invoke(null, proofJson, digestJson);
            Class<?> type = verdict.getClass();
            return new Verdict((boolean) type.getMethod("verified").invoke(verdict), (String) type.getMethod("message").invoke(verdict));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The verifier's RFC 8785 form of a JSON text (read by its own reader). */
    public static String canonicalize(String json) {
        try {
            Object parsed = method("parse", String.class).invoke(null, json);
            return (String) method("jcs", Object.class).invoke(null, parsed);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Method method(String name, Class<?>... parameters) throws ReflectiveOperationException {
        return load().getMethod(name, parameters);
    }

    private static synchronized Class<?> load() {
        if (verifier == null) {
            try {
                Path classes = Files.createDirectories(Path.of("target", "verify-classes"));
                JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
                int exit = javac.run(null, null, null, "-d", classes.toString(), SOURCE.toString());
                if (exit != 0) {
                    throw new IllegalStateException("javac " + SOURCE + " exited " + exit);
                }
                URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, null);
                verifier = loader.loadClass("VerifyProof");
            } catch (Exception e) {
                throw new IllegalStateException("cannot compile " + SOURCE, e);
            }
        }
        return verifier;
    }
}
