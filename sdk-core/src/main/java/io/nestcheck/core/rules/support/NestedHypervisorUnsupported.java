package io.nestcheck.core.rules.support;

import io.nestcheck.api.Severity;
import io.nestcheck.api.spi.Rule;
import io.nestcheck.api.spi.RuleContext;
import io.nestcheck.api.spi.RuleInfo;

/** See the {@link RuleInfo} annotation. */
@RuleInfo(
    id = "NV-SUP-001",
    summary = "Running this guest hypervisor nested is not supported by its vendors",
    severity = Severity.INFO,
    tags = {"support", "context"},
    links = {
      "https://communities.vmware.com/docs/DOC-8970",
      "https://kb.vmware.com/s/article/2009916",
      "https://learn.microsoft.com/en-us/virtualization/hyper-v-on-windows/user-guide/nested-virtualization",
      "https://www.examsvce.com/h13-511_v5-5/statements-are-true-about-deploying-compute-node-question-answer.html"
    },
    explanation = "No vendor supports a Type-1 hypervisor as a guest in production: VMware does not support nested "
        + "ESXi and discourages it outside labs (KB 2009916); Microsoft does not support Hyper-V on third-party "
        + "hypervisors; Nutanix supports no nested VMs on AHV; Huawei's curriculum says CNA is deployed only on "
        + "physical servers. Every report therefore carries a support-posture note once per VM, at INFO, with the "
        + "profile's own statement (supportPosture) when it has one. There is nothing to fix.")
public final class NestedHypervisorUnsupported implements Rule {

  @Override
  public void check(RuleContext ctx) {
    if (ctx.profile().supportPosture().isEmpty() && !ctx.requirements().requiresNestedHv()) {
      return;
    }
    String message = ctx.profile().supportPosture()
        .map(String::trim)
        .orElse("Nested guest hypervisors are not supported by the outer platform's vendor for production (VMware "
            + "KB 2009916); use this setup for labs and tests.");
    ctx.report(ctx.finding()
        .message(message)
        .putEvidence("profile", ctx.profile().id())
        .build());
  }
}
