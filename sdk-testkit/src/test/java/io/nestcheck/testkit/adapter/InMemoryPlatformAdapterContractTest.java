package io.nestcheck.testkit.adapter;

import io.nestcheck.api.spi.PlatformAdapter;
import io.nestcheck.testkit.AdapterExpectations;
import io.nestcheck.testkit.InMemoryPlatformAdapter;
import io.nestcheck.testkit.PlatformAdapterContractTest;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The fake adapter keeps the platform adapter contract. */
class InMemoryPlatformAdapterContractTest extends PlatformAdapterContractTest {

  @Override
  protected PlatformAdapter adapter() {
    return InMemoryPlatformAdapter.builder().endpoint(Fixtures.ENDPOINT).inventory(Fixtures.INVENTORY).build();
  }

  @Override
  protected AdapterExpectations expectations() {
    return AdapterExpectations.builder().id("in-memory").vmNames(List.of("cna01", "esxi8-lab")).skippedObjects(1)
        .applyVm("cna01").runningVm("esxi8-lab").profileId("fusioncompute-cna-8").build();
  }

  @Override
  protected Set<String> secrets() {
    return Set.of(Fixtures.PASSWORD);
  }

  @Override
  protected Optional<PlatformAdapter> unreachableAdapter() {
    return Optional.of(InMemoryPlatformAdapter.builder().endpoint(Fixtures.ENDPOINT).inventory(Fixtures.INVENTORY)
        .unreachable("connection refused").build());
  }
}
