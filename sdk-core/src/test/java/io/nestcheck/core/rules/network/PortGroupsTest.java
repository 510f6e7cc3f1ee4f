package io.nestcheck.core.rules.network;

import static org.assertj.core.api.Assertions.assertThat;

import io.nestcheck.api.ManualStep;
import io.nestcheck.api.ProfileRequirements;
import org.junit.jupiter.api.Test;

/** {@link PortGroups#manualStep}: the esxcli step, shared between VMs that need the same one. */
class PortGroupsTest {
  private static final ProfileRequirements FRAMES =
      ProfileRequirements.builder().promiscuousMode(true).forgedTransmits(true).build();
  private static final ProfileRequirements MAC = ProfileRequirements.builder().macChanges(true).build();

  @Test
  void theStepNamesThePortGroupAndTheFlagsTheProfileNeeds() {
    ManualStep s = PortGroups.manualStep("port group DMZ 实验网", "DMZ 实验网", FRAMES);
    assertThat(s.title()).isEqualTo("Set the security policy of port group DMZ 实验网");
    assertThat(s.instructions()).startsWith("1. Standard switch: esxcli network vswitch standard portgroup policy "
        + "security set -p 'DMZ 实验网' --allow-promiscuous=true --allow-forged-transmits=true (or vSphere Client: "
        + "Networking > port group > Edit settings > Security).\n2. Distributed switch 6.6+");
    assertThat(PortGroups.manualStep("the port group of ethernet0", "<port group>", MAC).instructions())
        .contains("set -p '<port group>' --allow-mac-change=true (or");
  }

  @Test
  void equalArgumentsGiveTheSameInstanceAndOthersAnother() {
    PortGroups.SharedSteps shared = new PortGroups.SharedSteps(8);
    ManualStep a = shared.get("port group " + "VM Network", new String("VM Network"), FRAMES);
    assertThat(shared.get("port group VM Network", "VM Network", FRAMES)).isSameAs(a);
    assertThat(shared.get("port group VM Network", "VM Network", MAC)).isNotEqualTo(a);
    assertThat(shared.get("port group VM Network 2", "VM Network 2", FRAMES)).isNotEqualTo(a);
    assertThat(shared.get("port group VM Network", "VM Network", FRAMES)).isSameAs(a);
  }

  @Test
  void everyRequirementMakesItsOwnStep() {
    PortGroups.SharedSteps shared = new PortGroups.SharedSteps(16);
    java.util.Set<String> texts = new java.util.HashSet<>();
    for (int bits = 1; bits < 8; bits++) {
      int b = bits;
      ProfileRequirements req = ProfileRequirements.builder().promiscuousMode((b & 4) != 0)
          .forgedTransmits((b & 2) != 0).macChanges((b & 1) != 0).build();
      ManualStep step = shared.get("port group VM Network", "VM Network", req);
      assertThat(step).isSameAs(shared.get("port group VM Network", "VM Network", req));
      assertThat(step.instructions().contains("--allow-promiscuous=true")).isEqualTo((b & 4) != 0);
      assertThat(step.instructions().contains("--allow-forged-transmits=true")).isEqualTo((b & 2) != 0);
      assertThat(step.instructions().contains("--allow-mac-change=true")).isEqualTo((b & 1) != 0);
      texts.add(step.instructions());
    }
    assertThat(texts).hasSize(7);
  }

  @Test
  void theWholeStepIsAsWritten() {
    assertThat(PortGroups.manualStep("port group VM Network", "VM Network", FRAMES)).isEqualTo(ManualStep.of(
        "Set the security policy of port group VM Network",
        "1. Standard switch: esxcli network vswitch standard portgroup policy security set -p 'VM Network' "
            + "--allow-promiscuous=true --allow-forged-transmits=true (or vSphere Client: Networking > port group > "
            + "Edit settings > Security).\n2. Distributed switch 6.6+ (vSphere 6.7+): enable MAC learning on the port "
            + "group instead of promiscuous mode (macManagementPolicy.macLearningPolicy.enabled = true), or accept "
            + "promiscuous mode and forged transmits.\n3. Promiscuous mode copies every frame of the port group to "
            + "each VM on it; prefer a dedicated port group for nested hypervisors."));
  }

  @Test
  void longNamesAreNotKept() {
    PortGroups.SharedSteps shared = new PortGroups.SharedSteps(8);
    String longName = "p".repeat(PortGroups.MAX_SHARED_NAME + 1);
    ManualStep first = shared.get("port group " + longName, longName, FRAMES);
    assertThat(shared.get("port group " + longName, longName, FRAMES)).isEqualTo(first).isNotSameAs(first);
    String name = "p".repeat(PortGroups.MAX_SHARED_NAME - "port group ".length());
    assertThat(shared.get("port group " + name, name, FRAMES)).isSameAs(shared.get("port group " + name, name, FRAMES));
  }

  @Test
  void pastTheBoundStepsAreBuiltAfreshWithTheSameText() {
    PortGroups.SharedSteps shared = new PortGroups.SharedSteps(2);
    ManualStep one = shared.get("port group a", "a", FRAMES);
    ManualStep two = shared.get("port group b", "b", FRAMES);
    ManualStep first = shared.get("port group c", "c", FRAMES);
    ManualStep again = shared.get("port group c", "c", FRAMES);
    assertThat(again).isEqualTo(first).isNotSameAs(first);
    assertThat(shared.get("port group a", "a", FRAMES)).isSameAs(one);
    assertThat(shared.get("port group b", "b", FRAMES)).isSameAs(two);
    assertThat(first).isEqualTo(PortGroups.manualStep("port group c", "c", FRAMES));
  }
}
