package io.nestcheck.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.nestcheck.api.EvaluationResult;
import io.nestcheck.api.Finding;
import io.nestcheck.api.Severity;
import io.nestcheck.api.Subject;
import io.nestcheck.core.scan.FileResult;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class JunitReportWriterTest {

  static Document parse(String xml) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
  }

  private static String render(Severity failOn, boolean partial) {
    return SyntheticScan.render(out -> new JunitReportWriter(SyntheticScan.context(), out, failOn),
        SyntheticScan.results(), partial);
  }

  private static List<Element> elements(Document d, String tag) {
    NodeList nl = d.getElementsByTagName(tag);
    List<Element> l = new ArrayList<>();
    for (int i = 0; i < nl.getLength(); i++) {
      l.add((Element) nl.item(i));
    }
    return l;
  }

  private static Element testcase(Document d, String namePrefix) {
    return elements(d, "testcase").stream().filter(e -> e.getAttribute("name").startsWith(namePrefix)).findFirst()
        .orElseThrow();
  }

  @Test
  void oneSuitePerInputAndOneCasePerVm() throws Exception {
    Document d = parse(render(Severity.ERROR, false));
    Element root = d.getDocumentElement();
    assertThat(root.getTagName()).isEqualTo("testsuites");
    assertThat(root.getAttribute("tests")).isEqualTo("9");
    assertThat(root.getAttribute("failures")).isEqualTo("5");
    assertThat(root.getAttribute("errors")).isEqualTo("2");
    assertThat(root.getAttribute("timestamp")).isEqualTo("2025-06-01T12:00:00");
    assertThat(elements(d, "testsuite")).extracting(e -> e.getAttribute("name")).containsExactly("fleet/esxi-lab.vmx",
        "fleet/cna \"lab\", 测试|1.vmx", "fleet/broken.ovf", "fleet/healthy.vmx", "fleet/pair.ova",
        "/srv/exports/lab 2/cna.vmx", "fleet/huge.ova", "nestcheck");
    assertThat(elements(d, "testcase")).hasSize(9);
    Element lab = testcase(d, "esxi-lab");
    assertThat(lab.getAttribute("classname")).isEqualTo("esxi-8");
    assertThat(lab.getAttribute("name")).isEqualTo("esxi-lab (fleet/esxi-lab.vmx)");
    Element failure = (Element) lab.getElementsByTagName("failure").item(0);
    assertThat(failure.getAttribute("type")).isEqualTo("ERROR");
    assertThat(failure.getAttribute("message")).isEqualTo("3 findings at or above ERROR: NV-CPU-001, NV-HW-001, NV-NET-001");
    assertThat(failure.getTextContent()).contains("ERROR NV-CPU-001", "[fleet/esxi-lab.vmx:5]", "fix: set vhv.enable = \"TRUE\"",
        "(power off first)").doesNotContain("WARNING");
    String out = lab.getElementsByTagName("system-out").item(0).getTextContent();
    assertThat(out).contains("WARNING NV-CPU-002", "WARNING NV-MEM-001", "INFO NV-HYG-001",
        "suppressed (inline): kept for training videos");
    Element healthy = testcase(d, "healthy");
    assertThat(healthy.getChildNodes().getLength()).isZero();
  }

  @Test
  void hostileTextIsEscaped() throws Exception {
    Document d = parse(render(Severity.ERROR, false));
    Element vm = testcase(d, "<script>");
    assertThat(vm.getAttribute("name")).isEqualTo(SyntheticScan.HOSTILE_VM + " (fleet/cna \"lab\", 测试|1.vmx)");
    assertThat(vm.getElementsByTagName("system-out").item(0).getTextContent())
        .contains(SyntheticScan.HOSTILE_IMG, "is present,\nand \"quoted\"; 华为 FusionCompute 测试 =1+1",
            "manual: Detach it — In the client, remove the device | then save.");
    assertThat(vm.getElementsByTagName("img").getLength()).isZero();
  }

  @Test
  void unreadableInputsAreErrors() throws Exception {
    Document d = parse(render(Severity.ERROR, false));
    Element broken = testcase(d, "fleet/broken.ovf");
    assertThat(broken.getAttribute("classname")).isEqualTo("nestcheck.input");
    Element error = (Element) broken.getElementsByTagName("error").item(0);
    assertThat(error.getAttribute("type")).isEqualTo("SYNTAX");
    assertThat(error.getAttribute("message")).isEqualTo("cannot read fleet/broken.ovf: unterminated element <Item> (opened at line 9)");
    assertThat(error.getTextContent()).startsWith("fleet/broken.ovf:12:5: unterminated element");
  }

  @Test
  void theThresholdDecidesWhatFails() throws Exception {
    Document d = parse(render(Severity.WARNING, false));
    assertThat(d.getDocumentElement().getAttribute("failures")).isEqualTo("5");
    Element lab = testcase(d, "esxi-lab");
    assertThat(lab.getElementsByTagName("failure").item(0).getTextContent()).contains("WARNING NV-CPU-002");
    assertThat(lab.getElementsByTagName("system-out").item(0).getTextContent()).doesNotContain("WARNING");

    Document info = parse(render(Severity.INFO, false));
    // suppressed findings never fail
    Element hostile = testcase(info, "<script>");
    assertThat(((Element) hostile.getElementsByTagName("failure").item(0)).getAttribute("message"))
        .isEqualTo("2 findings at or above INFO: NV-CPU-003, NV-HYG-001");
  }

  @Test
  void aPartialScanAddsAnError() throws Exception {
    Document d = parse(render(Severity.ERROR, true));
    assertThat(d.getDocumentElement().getAttribute("errors")).isEqualTo("3");
    assertThat(d.getDocumentElement().getAttribute("tests")).isEqualTo("10");
    Element c = testcase(d, "scan completed");
    assertThat(((Element) c.getElementsByTagName("error").item(0)).getAttribute("type")).isEqualTo("PARTIAL");
  }

  @Test
  void findingsAboutTheScanAreListedButNeverFail() throws Exception {
    Document d = parse(render(Severity.INFO, false));
    Element c = testcase(d, "scan findings");
    assertThat(c.getAttribute("classname")).isEqualTo("nestcheck.scan");
    assertThat(c.getElementsByTagName("failure").getLength()).isZero();
    assertThat(c.getElementsByTagName("system-out").item(0).getTextContent()).startsWith("INFO NV-HOST-001 Nothing is known");
  }

  @Test
  void charactersXmlCannotCarryAreReplaced() throws Exception {
    String nasty = "bell\u0007 nul\u0000 lone\uD800 ok😀 \uFFFE";
    EvaluationResult r = EvaluationResult.builder().vmName(nasty).source("a.vmx").profileId("p")
        .addFindings(Finding.builder().ruleId("NV-CPU-001").severity(Severity.ERROR).subject(Subject.vm(nasty))
            .message("message " + nasty).build())
        .build();
    String xml = SyntheticScan.render(out -> new JunitReportWriter(SyntheticScan.context(), out),
        List.of(new FileResult("a.vmx", List.of(), List.of(r), Optional.empty())), false);
    Document d = parse(xml);
    Element c = elements(d, "testcase").get(0);
    assertThat(c.getAttribute("name")).isEqualTo("bell\uFFFD nul\uFFFD lone\uFFFD ok😀 \uFFFD (a.vmx)");
    assertThat(JunitReportWriter.clean("a\tb\nc\rd")).isEqualTo("a\tb\nc\rd");
  }

  @Test
  void aLargeReportSpillsToATemporaryFileWithTheSameOutput() {
    Spool small = new Spool(64);
    String spilled = SyntheticScan.render(out -> new JunitReportWriter(SyntheticScan.context(), out, Severity.ERROR, small),
        SyntheticScan.results(), false);
    assertThat(small.spilled()).isTrue();
    assertThat(spilled).isEqualTo(render(Severity.ERROR, false));
  }

  @Test
  void anEmptyScanIsAValidDocument() throws Exception {
    Document d = parse(SyntheticScan.render(out -> new JunitReportWriter(SyntheticScan.context(), out), List.of(), false));
    assertThat(d.getDocumentElement().getAttribute("tests")).isEqualTo("0");
  }
}
