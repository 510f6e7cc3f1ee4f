package io.nestcheck.core.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class CsvReportWriterTest {

  /** A strict RFC 4180 reader: CRLF records, quoted fields with doubled quotes. */
  static List<List<String>> parse(String csv) {
    List<List<String>> rows = new ArrayList<>();
    List<String> row = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    int i = 0;
    boolean quoted = false;
    boolean wasQuoted = false;
    while (i < csv.length()) {
      char c = csv.charAt(i);
      if (quoted) {
        if (c == '"') {
          if (i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
            field.append('"');
            i += 2;
            continue;
          }
          quoted = false;
          i++;
          continue;
        }
        field.append(c);
        i++;
        continue;
      }
      if (c == '"') {
        if (field.length() > 0) {
          throw new IllegalArgumentException("quote inside an unquoted field at " + i);
        }
        quoted = true;
        wasQuoted = true;
        i++;
      } else if (c == ',') {
        row.add(field.toString());
        field.setLength(0);
        wasQuoted = false;
        i++;
      } else if (c == '\r') {
        if (i + 1 >= csv.length() || csv.charAt(i + 1) != '\n') {
          throw new IllegalArgumentException("bare CR at " + i);
        }
        row.add(field.toString());
        rows.add(row);
        row = new ArrayList<>();
        field.setLength(0);
        wasQuoted = false;
        i += 2;
      } else if (c == '\n') {
        throw new IllegalArgumentException("bare LF outside quotes at " + i);
      } else {
        if (wasQuoted) {
          throw new IllegalArgumentException("text after a closing quote at " + i);
        }
        field.append(c);
        i++;
      }
    }
    if (quoted) {
      throw new IllegalArgumentException("unterminated quoted field");
    }
    if (field.length() > 0 || !row.isEmpty()) {
      throw new IllegalArgumentException("the last record has no CRLF");
    }
    return rows;
  }

  @Test
  void oneRowPerFindingAndInputError() {
    String csv = SyntheticScan.render("csv", false);
    assertThat(csv).doesNotStartWith("\uFEFF");
    List<List<String>> rows = parse(csv);
    assertThat(String.join(",", rows.get(0))).isEqualTo(CsvReportWriter.HEADER);
    assertThat(rows).allSatisfy(r -> assertThat(r).hasSize(11));
    assertThat(rows).hasSize(1 + 13 + 2 + 1);
    assertThat(rows.get(rows.size() - 1)).containsExactly("", "", "", "NV-HOST-001", "INFO", "host:scan",
        "Nothing is known about the outer host; host rules report \"unknown\". Pass --host to check it.", "", "", "false", "");
    List<String> first = rows.get(1);
    assertThat(first).containsExactly("fleet/esxi-lab.vmx", "esxi-lab", "esxi-8", "NV-CPU-001", "ERROR", "vm:esxi-lab",
        "Hardware-assisted virtualization is off (vhv.enable = \"FALSE\"); the nested ESXi cannot run 64-bit VMs.",
        "5", "set vhv.enable = \"TRUE\"", "false", "");
    List<String> suppressed = rows.stream().filter(r -> r.get(9).equals("true")).map(r -> r.get(10)).toList();
    assertThat(suppressed).containsExactly("kept for training videos", "accepted, see TICKET-1 | \"lab only\"", "baseline 2025-05");
    List<String> error = rows.stream().filter(r -> r.get(3).equals("INPUT-SYNTAX")).findFirst().orElseThrow();
    assertThat(error).containsExactly("fleet/broken.ovf", "", "", "INPUT-SYNTAX", "ERROR", "input",
        "unterminated element <Item> (opened at line 9)", "12", "", "false", "");
    assertThat(rows).anySatisfy(r -> assertThat(r.get(3)).isEqualTo("INPUT-TOO-LARGE"));
  }

  @Test
  void commasQuotesLineBreaksAndChineseSurvive() {
    List<List<String>> rows = parse(SyntheticScan.render("csv", false));
    List<String> hostile = rows.stream().filter(r -> r.get(3).equals("NV-HYG-001") && r.get(1).startsWith("<script>"))
        .findFirst().orElseThrow();
    assertThat(hostile.get(0)).isEqualTo("fleet/cna \"lab\", 测试|1.vmx");
    assertThat(hostile.get(1)).isEqualTo(SyntheticScan.HOSTILE_VM);
    assertThat(hostile.get(5)).isEqualTo("device:" + SyntheticScan.HOSTILE_IMG);
    assertThat(hostile.get(6)).isEqualTo("Device " + SyntheticScan.HOSTILE_IMG + " | is present,\nand \"quoted\"; 华为 FusionCompute 测试 =1+1");
    assertThat(hostile.get(8)).isEqualTo("manual: Detach it — In the client, remove the device | then save.");
  }

  @Test
  void formulasAreNeutralized() {
    List<List<String>> rows = parse(SyntheticScan.render("csv", false));
    assertThat(rows).anySatisfy(r -> assertThat(r.get(6)).isEqualTo("'=HYPERLINK(\"http://evil.example\") memory is low."));
    assertThat(CsvReportWriter.field("+1")).isEqualTo("'+1");
    assertThat(CsvReportWriter.field("-1")).isEqualTo("'-1");
    assertThat(CsvReportWriter.field("@x")).isEqualTo("'@x");
    assertThat(CsvReportWriter.field("a=b")).isEqualTo("a=b");
  }

  @Test
  void anEmptyScanIsTheHeader() {
    assertThat(SyntheticScan.render("csv", List.of(), false)).isEqualTo(CsvReportWriter.HEADER + "\r\n");
    assertThat(CsvReportWriter.columns()).hasSize(11).startsWith("source", "vm");
  }

  @Property(tries = 300)
  void anyTextRoundTrips(@ForAll String text) {
    String field = CsvReportWriter.field(text);
    List<List<String>> rows = parse(field + "\r\n");
    String expected = !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
    assertThat(rows).containsExactly(List.of(expected));
  }

  @Test
  void theParserIsStrict() {
    assertThatThrownBy(() -> parse("a\"b\r\n")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> parse("a\nb\r\n")).isInstanceOf(IllegalArgumentException.class);
  }
}
