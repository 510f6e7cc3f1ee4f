package io.nestcheck.core.internal.govc;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * One JSON value read from a streaming parser into a Jackson tree, with the 1-based line of every value keyed by
 * its JSON pointer relative to the value's root ({@code ""} for the root itself).
 */
final class JsonTree {
  /** The most nodes (values) in one tree; a VM of a full govc dump has a few thousand. */
  static final int MAX_NODES = 1_000_000;

  final JsonNode root;
  private final Map<String, Integer> lines;

  private JsonTree(JsonNode root, Map<String, Integer> lines) {
    this.root = root;
    this.lines = lines;
  }

  /** The line of the value at {@code pointer} (relative), or {@code 0} when unknown. */
  int line(String pointer) {
    Integer l = lines.get(pointer);
    return l == null ? 0 : l;
  }

  /** Thrown when a tree has more than {@link #MAX_NODES} values. */
  static final class TooManyNodesException extends IOException {
    private static final long serialVersionUID = 1L;
    final int line;

    TooManyNodesException(int line) {
      super("more than " + MAX_NODES + " JSON values in one VM");
      this.line = line;
    }
  }

  /** Reads the value whose first token is the parser's current token. */
  static JsonTree read(JsonParser p) throws IOException {
    Map<String, Integer> lines = new HashMap<>();
    int[] count = {0};
    JsonNode root = value(p, "", lines, count);
    return new JsonTree(root, lines);
  }

  private static JsonNode value(JsonParser p, String pointer, Map<String, Integer> lines, int[] count)
      throws IOException {
    JsonLocation loc = p.currentTokenLocation();
    int line = loc == null ? 0 : Math.max(0, loc.getLineNr());
    if (++count[0] > MAX_NODES) {
      throw new TooManyNodesException(line);
    }
    lines.put(pointer, line);
    JsonNodeFactory f = JsonNodeFactory.instance;
    JsonToken t = p.currentToken();
    if (t == null) {
      throw new IOException("unexpected end of input");
    }
    switch (t) {
      case START_OBJECT: {
        ObjectNode o = f.objectNode();
        JsonToken next;
        while ((next = p.nextToken()) == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          p.nextToken();
          o.set(name, value(p, pointer + "/" + escape(name), lines, count));
        }
        if (next != JsonToken.END_OBJECT) {
          throw new IOException("unexpected end of input inside an object");
        }
        return o;
      }
      case START_ARRAY: {
        ArrayNode a = f.arrayNode();
        int i = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
          if (p.currentToken() == null) {
            throw new IOException("unexpected end of input inside an array");
          }
          a.add(value(p, pointer + "/" + i, lines, count));
          i++;
        }
        return a;
      }
      case VALUE_STRING:
        return f.textNode(p.getText());
      case VALUE_NUMBER_INT:
        return f.numberNode(p.getBigIntegerValue());
      case VALUE_NUMBER_FLOAT:
        return f.numberNode(p.getDecimalValue());
      case VALUE_TRUE:
        return f.booleanNode(true);
      case VALUE_FALSE:
        return f.booleanNode(false);
      case VALUE_NULL:
        return f.nullNode();
      default:
        throw new IOException("unexpected JSON token " + t);
    }
  }

  /** Escapes a field name for a JSON pointer (RFC 6901). */
  static String escape(String name) {
    return name.replace("~", "~0").replace("/", "~1");
  }
}
