/**
 * The nestcheck test kit, for authors of rule packs, guest profiles and platform adapters. Add {@code
 * io.nestcheck:nestcheck-testkit} with test scope.
 *
 * <ul>
 *   <li>{@link io.nestcheck.testkit.NestcheckArbitraries} and {@link io.nestcheck.testkit.NestcheckDomain}: jqwik
 *       generators of hosts, VMs, profiles, fix plans and inventories that shrink to small counterexamples.
 *   <li>{@link io.nestcheck.testkit.GuestProfileContract}: the properties every guest profile must have (its fixes
 *       converge and are idempotent, evaluation is deterministic and monotonic in the host, everything survives
 *       JSON and YAML, inheritance changes nothing by itself); extend it and return your profile.
 *   <li>{@link io.nestcheck.testkit.PlatformAdapterContractTest}: the contract of
 *       {@link io.nestcheck.api.spi.PlatformAdapter} as a JUnit 5 suite; extend it and return your adapter.
 *       {@link io.nestcheck.testkit.InMemoryPlatformAdapter} is a fake adapter that passes it.
 *   <li>{@link io.nestcheck.testkit.RuleTester}: a fluent helper that runs one rule through the real evaluator and
 *       asserts on its findings.
 * </ul>
 */
@NullMarked
package io.nestcheck.testkit;

import org.jspecify.annotations.NullMarked;
