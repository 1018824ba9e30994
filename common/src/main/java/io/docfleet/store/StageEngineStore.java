package io.docfleet.store;

import io.docfleet.document.Stage;
import java.util.Map;

/** The engine that computed each stage of a document, for rebuilding its cache keys. */
public interface StageEngineStore {
  /** Records (or replaces) the engine of a document's stage; returns rows written (0 if same). */
  int record(String documentId, Stage stage, StageEngine engine);

  /** The recorded engines of a document, by stage. */
  Map<Stage, StageEngine> engines(String documentId);
}
