package io.docfleet.deploy;

import java.util.List;

/** The strict reading of one manifest: fabric8's typed model, or KEDA's documented fields. */
final class Strictness {
  private Strictness() {}

  /** What is wrong with the manifest, each naming where it came from; empty when nothing. */
  static List<String> problems(ManifestSet.Manifest manifest) {
    String where = manifest.origin() + ": " + manifest.kind() + " " + manifest.name();
    if (KedaSchema.isKeda(manifest.tree())) {
      return KedaSchema.violations(manifest.tree()).stream().map(v -> where + ": " + v).toList();
    }
    if (!StrictKubernetesModel.knows(manifest.tree())) {
      return List.of(
          where + ": a kind these checks have no model for (add it to StrictKubernetesModel)");
    }
    try {
      StrictKubernetesModel.parse(manifest.tree());
      return List.of();
    } catch (IllegalArgumentException e) {
      return List.of(where + ": " + e.getMessage());
    }
  }
}
