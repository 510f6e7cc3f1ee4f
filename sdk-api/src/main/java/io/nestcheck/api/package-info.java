/**
 * The nestcheck model: immutable values that describe a host, a VM, a guest profile, findings and their fixes.
 *
 * <p>Every value is built with its {@code builder()} or {@code of(..)} factory and copied with {@code with*}
 * methods; generated {@code Immutable*} classes are package-private. Values never contain {@code null}: absent facts
 * are empty optionals, {@link io.nestcheck.api.TriState#UNKNOWN} or an {@code UNSPECIFIED} enum constant. Every
 * value serializes to a stable JSON shape with Jackson (register the {@code Jdk8Module}); see {@code
 * docs/json-model.md}.
 *
 * <p>This package holds no logic beyond validation: evaluation, parsing and fixing live in {@code nestcheck-core}.
 */
@NullMarked
package io.nestcheck.api;

import org.jspecify.annotations.NullMarked;
