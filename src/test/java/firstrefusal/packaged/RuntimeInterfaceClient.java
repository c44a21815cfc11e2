package firstrefusal.packaged;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * AWS's Lambda runtime interface client: the program the managed Java runtime starts. It is a test dependency,
 * so its jar and its own runtime dependencies are taken from this JVM's class path, following the poms the jars
 * carry; nothing of this machine is hard-coded, and an upgrade of the client brings its new dependencies along.
 */
final class RuntimeInterfaceClient {

    static final String MAIN_CLASS = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
    private static final String GROUP = "com.amazonaws";
    private static final String ARTIFACT = "aws-lambda-java-runtime-interface-client";

    private RuntimeInterfaceClient() {
    }

    /** The client's jar and its transitive compile/runtime dependencies, in dependency order. */
    static List<Path> classPath() {
        List<Path> testClassPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(Path::of).toList();
        Set<Path> jars = new LinkedHashSet<>();
        Deque<String[]> pending = new ArrayDeque<>();
        pending.add(new String[] {GROUP, ARTIFACT});
        while (!pending.isEmpty()) {
            String[] coordinates = pending.poll();
            Path jar = find(testClassPath, coordinates[0], coordinates[1]);
            if (jars.add(jar)) {
                pending.addAll(dependencies(jar, coordinates[0], coordinates[1]));
            }
        }
        return List.copyOf(jars);
    }

    /** The class path entry of an artifact, recognised by the Maven repository layout. */
    private static Path find(List<Path> classPath, String groupId, String artifactId) {
        return classPath.stream()
                .filter(jar -> isArtifact(jar, groupId, artifactId))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(groupId + ":" + artifactId
                        + " is not on the test class path; the packaged-artifact test needs it as a test dependency"));
    }

    /** True for {@code .../group/as/folders/artifact/version/artifact-version.jar}. */
    private static boolean isArtifact(Path jar, String groupId, String artifactId) {
        if (jar.getNameCount() < 4 || !jar.getFileName().toString().startsWith(artifactId + "-")
                || !jar.getFileName().toString().endsWith(".jar")) {
            return false;
        }
        Path artifactFolder = jar.getParent().getParent();
        return artifactFolder.getFileName().toString().equals(artifactId)
                && artifactFolder.getParent().endsWith(groupId.replace('.', File.separatorChar));
    }

    /**
     * The dependencies a jar's embedded pom declares for run time (not test, provided, system or optional ones).
     * A jar without an embedded pom (a shaded one) brings none.
     */
    private static List<String[]> dependencies(Path jar, String groupId, String artifactId) {
        try (JarFile file = new JarFile(jar.toFile())) {
            ZipEntry pom = file.getEntry("META-INF/maven/" + groupId + "/" + artifactId + "/pom.xml");
            if (pom == null) {
                return List.of();
            }
            try (InputStream in = file.getInputStream(pom)) {
                var factory = DocumentBuilderFactory.newInstance();
                factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
                var document = factory.newDocumentBuilder().parse(in);
                // Only the project's own dependencies: not dependencyManagement's, not a plugin's.
                NodeList nodes = (NodeList) XPathFactory.newInstance().newXPath()
                        .evaluate("/project/dependencies/dependency", document, XPathConstants.NODESET);
                List<String[]> result = new ArrayList<>();
                for (int i = 0; i < nodes.getLength(); i++) {
                    Element dependency = (Element) nodes.item(i);
                    String scope = text(dependency, "scope");
                    if ((scope.isEmpty() || scope.equals("compile") || scope.equals("runtime"))
                            && !text(dependency, "optional").equals("true")) {
                        result.add(new String[] {text(dependency, "groupId"), text(dependency, "artifactId")});
                    }
                }
                return result;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot read the pom inside " + jar, e);
        }
    }

    private static String text(Element parent, String child) {
        NodeList nodes = parent.getElementsByTagName(child);
        return nodes.getLength() == 0 ? "" : nodes.item(0).getTextContent().trim();
    }
}
