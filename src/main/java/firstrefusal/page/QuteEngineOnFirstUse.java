package firstrefusal.page;

import io.quarkus.qute.runtime.EngineProducer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Reception;
import jakarta.enterprise.inject.build.compatible.spi.AnnotationBuilder;
import jakarta.enterprise.inject.build.compatible.spi.BuildCompatibleExtension;
import jakarta.enterprise.inject.build.compatible.spi.ClassConfig;
import jakarta.enterprise.inject.build.compatible.spi.Enhancement;
import jakarta.enterprise.inject.build.compatible.spi.MethodConfig;
import jakarta.enterprise.inject.build.compatible.spi.ParameterConfig;

/**
 * The Qute extension's engine is built when a template is first used, not at every start. The extension marks its
 * {@code EngineProducer} {@code @Startup}, so every function built the engine and parsed every template of the page
 * during its init, {@code decide} and {@code notify} too, which never render one (src/docs/BENCHMARKS.md, "Qute's start
 * cost"). This CDI Build Compatible Extension (the CDI Lite extension API that Quarkus' ArC runs when it builds the
 * application; see Quarkus' CDI integration guide) changes two annotations of that class at build time: {@code @Startup}
 * goes, and its shutdown observer (it clears Qute's static cache) is notified only if the engine exists, rather than
 * building one at shutdown to clear an empty cache. The engine is the extension's, built the same way, with the same
 * templates checked at build time; the page still builds it in its own init ({@code StatusPageFunction}).
 * TemplateEngineIT holds it, through the packaged zip.
 */
public class QuteEngineOnFirstUse implements BuildCompatibleExtension {

    @Enhancement(types = EngineProducer.class, withSubtypes = false)
    public void onFirstUse(ClassConfig engineProducer) {
        engineProducer.removeAnnotation(annotation -> annotation.name().equals(Startup.class.getName()));
        for (MethodConfig method : engineProducer.methods()) {
            for (ParameterConfig parameter : method.parameters()) {
                if (parameter.info().hasAnnotation(Observes.class)
                        && parameter.info().type().isClass()
                        && parameter.info().type().asClass().declaration().name().equals(ShutdownEvent.class.getName())) {
                    parameter.removeAnnotation(annotation -> annotation.name().equals(Observes.class.getName()));
                    parameter.addAnnotation(AnnotationBuilder.of(Observes.class).member("notifyObserver", Reception.IF_EXISTS).build());
                }
            }
        }
    }
}
