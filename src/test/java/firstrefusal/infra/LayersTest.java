package firstrefusal.infra;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import jakarta.enterprise.inject.Produces;
import org.junit.jupiter.api.Test;

/**
 * The layers of src/docs/architecture.md, held by ArchUnit over the compiled main classes: every arrow points down, from
 * the top floor that assembles ({@code app}) through the edges (the functions and the page; the adapters out, the
 * wire, the answer links, operations, configuration) to the domain, which imports nothing of the rest.
 */
class LayersTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("firstrefusal");

    @Test
    void theDomainIsPlainJavaAndImportsNothingOfTheRest() {
        classes().that().resideInAPackage("firstrefusal.domain..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("firstrefusal.domain..", "java..")
                .because("the domain is plain Java: no Quarkus, AWS or JSON types, no configuration, no edge of the product")
                .check(MAIN);
    }

    @Test
    void everyArrowPointsDownFromTheTopFloor() {
        layeredArchitecture().consideringOnlyDependenciesInAnyPackage("firstrefusal..")
                .layer("App").definedBy("firstrefusal.app..")
                .layer("Dev").definedBy("firstrefusal.dev..")
                .layer("Functions").definedBy("firstrefusal.adapters.in..")
                .layer("Page").definedBy("firstrefusal.page..")
                .layer("AdaptersOut").definedBy("firstrefusal.adapters.out..")
                .layer("Answer").definedBy("firstrefusal.answer..")
                .layer("Operations").definedBy("firstrefusal.operations..")
                .layer("Config").definedBy("firstrefusal.config..")
                .layer("Wire").definedBy("firstrefusal.wire..")
                .layer("Domain").definedBy("firstrefusal.domain..")
                .whereLayer("App").mayNotBeAccessedByAnyLayer()
                .whereLayer("Dev").mayNotBeAccessedByAnyLayer()
                .whereLayer("Functions").mayOnlyBeAccessedByLayers("App", "Dev")
                .whereLayer("Page").mayOnlyBeAccessedByLayers("App", "Dev", "Functions")
                .whereLayer("AdaptersOut").mayOnlyBeAccessedByLayers("App", "Dev")
                .whereLayer("Answer").mayOnlyBeAccessedByLayers("App", "Dev", "Page", "AdaptersOut", "Config")
                .whereLayer("Operations").mayOnlyBeAccessedByLayers("App", "Dev", "Functions", "Page", "AdaptersOut")
                .whereLayer("Config").mayOnlyBeAccessedByLayers("App", "Dev", "Functions", "Page", "AdaptersOut", "Operations")
                .whereLayer("Wire").mayOnlyBeAccessedByLayers("App", "Dev", "Functions", "Page", "AdaptersOut", "Operations", "Config")
                .check(MAIN);
    }

    @Test
    void adaptersDoNotImportEachOther() {
        slices().matching("firstrefusal.adapters.out.(*)..").should().notDependOnEachOther()
                .because("each outbound adapter stands alone; the top floor puts them together").check(MAIN);
        noClasses().that().resideInAPackage("firstrefusal.adapters.in..")
                .should().dependOnClassesThat().resideInAPackage("firstrefusal.adapters.out..")
                .because("a function reaches storage and the bus through the domain's ports").check(MAIN);
    }

    @Test
    void thePageReadsThroughPorts() {
        noClasses().that().resideInAPackage("firstrefusal.page..")
                .should().dependOnClassesThat().resideInAnyPackage("firstrefusal.adapters..", "software.amazon..")
                .because("the page reads the record through the domain's ports, never a store or an AWS client").check(MAIN);
    }

    @Test
    void onlyTheTopFloorAssembles() {
        methods().that().areAnnotatedWith(Produces.class)
                .should().beDeclaredInClassesThat().resideInAnyPackage("firstrefusal.app..", "firstrefusal.dev..")
                .because("one place builds the product from its parts: firstrefusal.app (and, for dev mode only, firstrefusal.dev)")
                .check(MAIN);
    }
}
