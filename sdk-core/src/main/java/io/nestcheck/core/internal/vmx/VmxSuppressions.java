package io.nestcheck.core.internal.vmx;

import io.nestcheck.api.InlineSuppression;
import io.nestcheck.api.SourceLocation;
import io.nestcheck.api.spi.ExportParseException;
import io.nestcheck.api.spi.ExportParseException.Kind;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads inline suppressions from the comments of a {@link VmxDocument}: a whole-line or trailing comment whose
 * text starts (after blanks) with {@code nestcheck:ignore} (any case), then one or more rule ids separated by
 * commas (blanks after a comma allowed), then a reason, and optionally a last word {@code until=YYYY-MM-DD} (the
 * last day it applies). Rule ids are stored in upper case. A comment that starts with {@code nestcheck:ignore} but
 * names no valid rule id, gives no reason or has a date that is not a real ISO date is an {@link
 * ExportParseException} of kind {@link Kind#INVALID_VALUE} naming its line and column: a suppression that silently
 * does nothing would hide the mistake.
 */
final class VmxSuppressions {
  static final String MARKER = "nestcheck:ignore";
  private static final Pattern RULE_ID = Pattern.compile("[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)+");
  private static final Pattern WORD = Pattern.compile("\\S+");

  private VmxSuppressions() {}

  static List<InlineSuppression> parse(VmxDocument doc) throws ExportParseException {
    List<InlineSuppression> out = new ArrayList<>();
    for (VmxDocument.Comment c : doc.comments()) {
      String text = c.text();
      int start = 0;
      while (start < text.length() && VmxValues.isBlank(text.charAt(start))) {
        start++;
      }
      if (!text.regionMatches(true, start, MARKER, 0, MARKER.length())) {
        continue;
      }
      int after = start + MARKER.length();
      if (after < text.length() && !Character.isWhitespace(text.charAt(after))) {
        continue; // nestcheck:ignored, nestcheck:ignore-all, ...: not this marker
      }
      out.add(parseOne(doc, c, text, after));
    }
    return out;
  }

  private static InlineSuppression parseOne(VmxDocument doc, VmxDocument.Comment c, String text, int from)
      throws ExportParseException {
    List<int[]> words = new ArrayList<>();
    Matcher m = WORD.matcher(text);
    m.region(from, text.length());
    while (m.find()) {
      words.add(new int[] {m.start(), m.end()});
    }
    if (words.isEmpty()) {
      throw error(doc, c, from, "\"nestcheck:ignore\" needs rule ids and a reason, e.g. "
          + "\"# nestcheck:ignore NV-HYG-001 kept for the training videos\"");
    }
    // rule ids: the first word, continued while a word ends with ',' or the next starts with ','
    StringBuilder ids = new StringBuilder();
    int w = 0;
    int idsStart = words.get(0)[0];
    while (w < words.size()) {
      String word = text.substring(words.get(w)[0], words.get(w)[1]);
      ids.append(word);
      w++;
      boolean more = word.endsWith(",")
          || (w < words.size() && text.charAt(words.get(w)[0]) == ',');
      if (!more) {
        break;
      }
    }
    List<String> ruleIds = new ArrayList<>();
    for (String id : ids.toString().split(",", -1)) {
      if (id.isEmpty()) {
        continue;
      }
      if (!RULE_ID.matcher(id).matches()) {
        throw error(doc, c, idsStart, "\"" + VmxMapper.shorten(id) + "\" is not a rule id (expected something like "
            + "NV-CPU-001); write \"# nestcheck:ignore <RULE-ID>[,<RULE-ID>...] <reason> [until=YYYY-MM-DD]\"");
      }
      String upper = id.toUpperCase(Locale.ROOT);
      if (!ruleIds.contains(upper)) {
        ruleIds.add(upper);
      }
    }
    if (ruleIds.isEmpty()) {
      throw error(doc, c, idsStart, "\"nestcheck:ignore\" names no rule id");
    }
    int reasonEnd = words.size();
    LocalDate until = null;
    if (reasonEnd > w) {
      int[] last = words.get(reasonEnd - 1);
      String word = text.substring(last[0], last[1]);
      if (word.regionMatches(true, 0, "until=", 0, 6)) {
        String date = word.substring(6);
        try {
          if (!date.matches("\\d{4}-\\d{2}-\\d{2}")) {
            throw new DateTimeParseException("not YYYY-MM-DD", date, 0);
          }
          until = LocalDate.parse(date);
        } catch (DateTimeParseException e) {
          throw error(doc, c, last[0] + 6, "\"" + VmxMapper.shorten(date) + "\" is not a date; write until=YYYY-MM-DD");
        }
        reasonEnd--;
      }
    }
    if (reasonEnd <= w) {
      throw error(doc, c, idsStart, "\"nestcheck:ignore " + String.join(",", ruleIds) + "\" gives no reason; "
          + "say why the finding does not apply to this VM");
    }
    String reason = text.substring(words.get(w)[0], words.get(reasonEnd - 1)[1]);
    InlineSuppression.Builder b = InlineSuppression.builder().ruleIds(ruleIds).reason(reason).line(c.line());
    if (until != null) {
      b.expires(until);
    }
    return b.build();
  }

  private static ExportParseException error(VmxDocument doc, VmxDocument.Comment c, int offsetInText, String reason) {
    // the comment text starts right after the '#'
    int column = c.column() + 1 + offsetInText;
    return new ExportParseException(SourceLocation.of(doc.fileName(), c.line(), column), Kind.INVALID_VALUE, reason);
  }
}
