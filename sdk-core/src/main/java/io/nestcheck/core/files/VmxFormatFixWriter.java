package io.nestcheck.core.files;

import io.nestcheck.api.FixPlan;
import io.nestcheck.api.spi.ExportParseException;
import io.nestcheck.core.internal.vmx.VmxDocument;
import io.nestcheck.core.internal.vmx.VmxFixWriter;
import io.nestcheck.core.internal.vmx.VmxReader;
import java.util.ArrayList;
import java.util.List;

/** {@code .vmx} files, through {@link VmxFixWriter}. */
final class VmxFormatFixWriter implements FormatFixWriter {
  private final VmxReader reader = new VmxReader();

  @Override
  public String format() {
    return reader.format();
  }

  @Override
  public boolean accepts(String fileName, byte[] head) {
    return reader.canRead(fileName, head);
  }

  @Override
  public Edit edit(byte[] original, String fileName, FixPlan plan) throws ExportParseException, PlanMismatch {
    VmxDocument doc = VmxDocument.parse(original, fileName);
    String name = VmxReader.vmName(doc, fileName);
    if (!name.equals(plan.vmName())) {
      throw new PlanMismatch("the plan is for VM \"" + plan.vmName() + "\" but the file holds VM \"" + name + "\"");
    }
    VmxFixWriter.Result result = VmxFixWriter.write(doc, plan);
    VmxDocument written;
    try {
      written = VmxDocument.parse(result.bytes(), fileName);
    } catch (ExportParseException e) {
      // never write what cannot be read back
      throw new IllegalStateException("the edited " + fileName + " no longer parses: " + e.getMessage(), e);
    }
    List<FixOutcome.Skipped> skipped = new ArrayList<>();
    for (VmxFixWriter.Skipped s : result.skipped()) {
      skipped.add(new FixOutcome.Skipped(s.action(), s.reason()));
    }
    return new Edit(result.bytes(), doc.text(), written.text(), result.applied(), skipped);
  }
}
