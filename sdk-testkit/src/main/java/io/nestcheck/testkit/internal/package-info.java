/**
 * Not API: the classes the kit registers with jqwik through {@link java.util.ServiceLoader} (default arbitrary
 * providers, sample reporting formats). They may change in any release; use {@link
 * io.nestcheck.testkit.NestcheckArbitraries} and {@link io.nestcheck.testkit.NestcheckDomain} instead.
 */
@NullMarked
package io.nestcheck.testkit.internal;

import org.jspecify.annotations.NullMarked;
