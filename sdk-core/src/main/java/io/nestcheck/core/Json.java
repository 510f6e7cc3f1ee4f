package io.nestcheck.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The Jackson mappers that read and write the model in its documented JSON and YAML shape: absent optionals are
 * left out, dates are ISO-8601 strings, and unknown properties are errors (so a typo in a profile is reported,
 * not ignored).
 *
 * <p>The mappers are shared, thread-safe and must not be reconfigured; {@code copy()} one to change it.
 *
 * @since 0.1
 */
public final class Json {
  private static final ObjectMapper JSON = configure(JsonMapper.builder().build());
  private static final ObjectMapper YAML = configure(YAMLMapper.builder(
          YAMLFactory.builder()
              .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
              .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
              .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
              .disable(YAMLGenerator.Feature.USE_NATIVE_TYPE_ID)
              .build())
      .build());

  private Json() {}

  private static ObjectMapper configure(ObjectMapper mapper) {
    return mapper
        .registerModule(new Jdk8Module())
        .registerModule(new JavaTimeModule())
        .setSerializationInclusion(JsonInclude.Include.NON_ABSENT)
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(SerializationFeature.INDENT_OUTPUT);
  }

  /** The JSON mapper; never {@code null}. */
  public static ObjectMapper mapper() {
    return JSON;
  }

  /** The YAML mapper; never {@code null}. */
  public static ObjectMapper yamlMapper() {
    return YAML;
  }
}
