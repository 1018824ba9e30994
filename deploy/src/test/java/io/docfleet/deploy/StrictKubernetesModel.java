package io.docfleet.deploy;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.cfg.MapperConfig;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.Map;

/**
 * Parses manifests into fabric8's typed Kubernetes model, refusing what the API server would: a
 * field the model does not have, and a scalar of the wrong type (an unquoted {@code true} where a
 * string goes, as in a ConfigMap's data).
 *
 * <p>fabric8's model classes catch unknown fields in an {@code @JsonAnySetter} map ({@code
 * additionalProperties}), so {@code FAIL_ON_UNKNOWN_PROPERTIES} alone lets every typo through; the
 * introspector here hides those any-setters (and any {@code ignoreUnknown}), so an unknown field
 * fails with its path.
 */
final class StrictKubernetesModel {
  /** The kinds docfleet's manifests use, by {@code kind}. */
  static final Map<String, Class<? extends HasMetadata>> KINDS =
      Map.of(
          "Namespace", Namespace.class,
          "ConfigMap", ConfigMap.class,
          "Secret", Secret.class,
          "Service", Service.class,
          "Deployment", Deployment.class,
          "PodDisruptionBudget", PodDisruptionBudget.class);

  static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .annotationIntrospector(new NoUnknownFields())
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
          .withCoercionConfig(
              LogicalType.Textual,
              strings ->
                  strings
                      .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail)
                      .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                      .setCoercion(CoercionInputShape.Float, CoercionAction.Fail))
          .build();

  private StrictKubernetesModel() {}

  static boolean knows(ObjectNode manifest) {
    return KINDS.containsKey(manifest.path("kind").asText());
  }

  /**
   * The manifest as its fabric8 class; throws naming the offending field when the model does not
   * have it, and when apiVersion is not the one of that class.
   */
  static HasMetadata parse(ObjectNode manifest) {
    String kind = manifest.path("kind").asText();
    Class<? extends HasMetadata> type = KINDS.get(kind);
    if (type == null) {
      throw new IllegalArgumentException("no typed model for kind " + kind);
    }
    String expected = HasMetadata.getApiVersion(type);
    String apiVersion = manifest.path("apiVersion").asText();
    if (!expected.equals(apiVersion)) {
      throw new IllegalArgumentException(
          kind + " has apiVersion " + apiVersion + "; the model's is " + expected);
    }
    try {
      return MAPPER.treeToValue(manifest, type);
    } catch (Exception e) {
      throw new IllegalArgumentException(kind + ": " + e.getMessage(), e);
    }
  }

  static <T> T parse(ObjectNode node, Class<T> type) {
    try {
      return MAPPER.treeToValue(node, type);
    } catch (Exception e) {
      throw new IllegalArgumentException(type.getSimpleName() + ": " + e.getMessage(), e);
    }
  }

  /** Jackson's introspector without any-setters and without {@code ignoreUnknown}. */
  private static final class NoUnknownFields extends JacksonAnnotationIntrospector {
    @Override
    public Boolean hasAnySetter(Annotated annotated) {
      return Boolean.FALSE;
    }

    @Override
    public JsonIgnoreProperties.Value findPropertyIgnoralByName(
        MapperConfig<?> config, Annotated annotated) {
      return super.findPropertyIgnoralByName(config, annotated).withoutIgnoreUnknown();
    }
  }
}
