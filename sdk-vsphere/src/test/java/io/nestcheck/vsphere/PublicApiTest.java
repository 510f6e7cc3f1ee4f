package io.nestcheck.vsphere;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The module's public API is small and free of yavijava types (the same rule sdk-cli's ArchitectureTest checks,
 * also here so the module guards itself).
 */
class PublicApiTest {
  private static final JavaClasses CLASSES = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.nestcheck.vsphere");

  /** Public classes a caller outside the package can reach (a public class nested in a package-private one is not). */
  private static boolean reachable(JavaClass c) {
    for (JavaClass x = c; x != null; x = x.getEnclosingClass().orElse(null)) {
      if (!x.getModifiers().contains(JavaModifier.PUBLIC)) {
        return false;
      }
    }
    return true;
  }

  @Test
  void onlyTheDocumentedTypesArePublic() {
    Set<String> reachable = new TreeSet<>();
    for (JavaClass c : CLASSES) {
      if (reachable(c) && !c.getSimpleName().equals("package-info")) {
        reachable.add(c.getName());
      }
    }
    assertThat(reachable).containsExactly("io.nestcheck.vsphere.VsphereAdapter", "io.nestcheck.vsphere.VsphereConfig",
        "io.nestcheck.vsphere.VsphereConfig$Builder", "io.nestcheck.vsphere.VsphereConfig$TrustMode",
        "io.nestcheck.vsphere.VsphereTargets");
  }

  @Test
  void noYavijavaTypeInAPublicSignature() {
    List<String> leaks = new ArrayList<>();
    for (JavaClass c : CLASSES) {
      if (!c.getModifiers().contains(JavaModifier.PUBLIC)) {
        continue;
      }
      for (JavaCodeUnit m : c.getCodeUnits()) {
        if (!m.getModifiers().contains(JavaModifier.PUBLIC)) {
          continue;
        }
        boolean leak = m.getRawReturnType().getPackageName().startsWith("com.vmware")
            || m.getRawParameterTypes().stream().anyMatch(t -> t.getPackageName().startsWith("com.vmware"));
        if (leak && reachable(c)) {
          leaks.add(m.getFullName());
        }
      }
      for (JavaField f : c.getFields()) {
        if (f.getModifiers().contains(JavaModifier.PUBLIC) && reachable(c)
            && f.getRawType().getPackageName().startsWith("com.vmware")) {
          leaks.add(f.getFullName());
        }
      }
      if (reachable(c) && c.getRawSuperclass().map(s -> s.getPackageName().startsWith("com.vmware")).orElse(false)) {
        leaks.add(c.getName() + " extends a yavijava type");
      }
    }
    assertThat(leaks).isEmpty();
  }
}
