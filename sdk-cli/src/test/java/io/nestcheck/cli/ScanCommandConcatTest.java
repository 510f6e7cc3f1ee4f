package io.nestcheck.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nestcheck.api.HostCapabilities;
import io.nestcheck.api.VmConfiguration;
import io.nestcheck.core.scan.ScanTarget;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link ScanCommand#concat}: the file targets then the vSphere targets, as one list, without copying either. */
class ScanCommandConcatTest {

  private record Named(String name) implements ScanTarget {
    @Override
    public List<VmConfiguration> load() {
      return List.of();
    }

    @Override
    public HostCapabilities host(VmConfiguration vm) {
      return HostCapabilities.unknown();
    }
  }

  @Test
  void theFirstListsTargetsComeBeforeTheSecondsInOneUnmodifiableList() {
    List<ScanTarget> all = ScanCommand.concat(List.of(new Named("a.vmx"), new Named("b.vmx")),
        List.of(new Named("vm-1")));

    assertThat(all).extracting(ScanTarget::name).containsExactly("a.vmx", "b.vmx", "vm-1");
    assertThat(all.subList(1, 3)).extracting(ScanTarget::name).containsExactly("b.vmx", "vm-1");
    assertThatThrownBy(() -> all.get(3)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> all.get(-1)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> all.add(new Named("c"))).isInstanceOf(UnsupportedOperationException.class);
    assertThat(ScanCommand.concat(List.of(), List.of(new Named("vm-1")))).extracting(ScanTarget::name)
        .containsExactly("vm-1");
    assertThat(ScanCommand.concat(List.of(new Named("a.vmx")), List.of())).hasSize(1);
  }
}
