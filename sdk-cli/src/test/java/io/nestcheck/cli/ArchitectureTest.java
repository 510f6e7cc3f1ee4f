package io.nestcheck.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Guards the module architecture: api <- core <- vsphere/testkit/cli, no cycles, internals stay internal,
 * generated Immutables types stay out of the public API, vijava types stay inside sdk-vsphere.
 */
class ArchitectureTest {
  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("io.nestcheck");
  }

  @Test
  void apiDependsOnNoOtherModule() {
    noClasses().that().resideInAPackage("io.nestcheck.api..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "io.nestcheck.core..", "io.nestcheck.cli..", "io.nestcheck.vsphere..", "io.nestcheck.testkit..")
        .check(classes);
  }

  @Test
  void apiUsesOnlyTheJdkJacksonImmutablesAndJspecify() {
    classes().that().resideInAPackage("io.nestcheck.api..")
        .should().onlyDependOnClassesThat().resideInAnyPackage(
            "io.nestcheck.api..", "java..", "com.fasterxml.jackson..", "org.immutables..", "org.jspecify..")
        .check(classes);
  }

  @Test
  void coreDependsOnlyOnApi() {
    noClasses().that().resideInAPackage("io.nestcheck.core..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "io.nestcheck.cli..", "io.nestcheck.vsphere..", "io.nestcheck.testkit..")
        .check(classes);
  }

  @Test
  void modulesAreFreeOfCycles() {
    slices().matching("io.nestcheck.(*)..").should().beFreeOfCycles().check(classes);
  }

  @Test
  void corePackagesAreFreeOfCycles() {
    slices().matching("io.nestcheck.core.(*)..").should().beFreeOfCycles().check(classes);
  }

  @Test
  void internalsAreUsedOnlyInsideCore() {
    noClasses().that().resideOutsideOfPackage("io.nestcheck.core..")
        .should().dependOnClassesThat().resideInAPackage("io.nestcheck.core.internal..")
        .check(classes);
  }

  @Test
  void generatedImmutablesAreNotPublic() {
    classes().that().haveSimpleNameStartingWith("Immutable").and().resideInAPackage("io.nestcheck..")
        .should().notBePublic()
        .check(classes);
  }

  @Test
  void vijavaTypesStayInsideTheVsphereModule() {
    noClasses().that().resideOutsideOfPackage("io.nestcheck.vsphere..")
        .should().dependOnClassesThat().resideInAPackage("com.vmware..")
        .allowEmptyShould(true)
        .check(classes);
  }

  @Test
  void vijavaTypesNeverAppearInPublicSignaturesOfTheVsphereModule() {
    com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods()
        .that().areDeclaredInClassesThat().resideInAPackage("io.nestcheck.vsphere..")
        .and().arePublic()
        .and().areDeclaredInClassesThat().arePublic()
        .should(new com.tngtech.archunit.lang.ArchCondition<com.tngtech.archunit.core.domain.JavaMethod>("not expose com.vmware types") {
          @Override
          public void check(com.tngtech.archunit.core.domain.JavaMethod m, com.tngtech.archunit.lang.ConditionEvents events) {
            boolean leaks = m.getRawReturnType().getPackageName().startsWith("com.vmware")
                || m.getRawParameterTypes().stream().anyMatch(t -> t.getPackageName().startsWith("com.vmware"));
            if (leaks) {
              events.add(com.tngtech.archunit.lang.SimpleConditionEvent.violated(m, m.getFullName() + " exposes a com.vmware type"));
            }
          }
        })
        .allowEmptyShould(true)
        .check(classes);
  }

  @Test
  void publicCoreClassesAreFinalOrInterfacesOrAbstractValues() {
    classes().that().resideInAPackage("io.nestcheck.core..").and().arePublic().and().areNotInterfaces()
        .and().areNotEnums().and().areNotRecords().and().areNotAnnotations()
        .and().doNotHaveModifier(JavaModifier.ABSTRACT)
        .and().haveNameNotMatching(".*\\.Immutable[^.]*\\$.*")
        .should().haveModifier(JavaModifier.FINAL)
        .check(classes);
  }
}
