package io.docfleet.cache;

class DisabledProviderCacheContractTest extends ProviderCacheContractTest {

  @Override
  protected ProviderCache newCache() {
    return new DisabledProviderCache();
  }
}
