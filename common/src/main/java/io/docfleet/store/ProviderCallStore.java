package io.docfleet.store;

import io.docfleet.spend.ProviderCall;
import java.util.List;

/** The spend ledger ({@code provider_calls}): rows written, and a document's read back. */
public interface ProviderCallStore {
  /**
   * Writes the rows in one statement: for the calls of a run that ended without its stage's end
   * (which writes its own in the same statement as the results).
   */
  void record(List<ProviderCall> calls);

  /** A document's rows, oldest first. */
  List<ProviderCall> ofDocument(String documentId);
}
