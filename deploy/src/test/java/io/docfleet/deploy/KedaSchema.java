package io.docfleet.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBehavior;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fields KEDA v2 documents for the two KEDA kinds docfleet uses (fabric8's model has no KEDA
 * types), checked the way the typed model checks the others: any field not listed is reported with
 * its path. Trigger metadata values must be strings (KEDA's metadata is a string map).
 *
 * <p>Sources, KEDA documentation for v2 (keda.sh/docs/2.15 to 2.17):
 *
 * <ul>
 *   <li>reference/scaledobject-spec: spec, scaleTargetRef, fallback, advanced (scalingModifiers,
 *       horizontalPodAutoscalerConfig, whose behavior is the HPA's, parsed with fabric8's
 *       autoscaling/v2 model) and the trigger fields
 *   <li>concepts/authentication: TriggerAuthentication spec, secretTargetRef and env
 *   <li>scalers/redis-lists, redis-cluster-lists, redis-sentinel-lists: metadata and authentication
 *       parameters
 *   <li>scalers/metrics-api: metadata and authentication parameters
 * </ul>
 */
final class KedaSchema {
  static final String API_VERSION = "keda.sh/v1alpha1";

  static final Set<String> TOP = Set.of("apiVersion", "kind", "metadata", "spec");
  static final Set<String> METADATA =
      Set.of("name", "namespace", "labels", "annotations", "generateName");

  static final Set<String> SCALED_OBJECT_SPEC =
      Set.of(
          "scaleTargetRef",
          "pollingInterval",
          "cooldownPeriod",
          "initialCooldownPeriod",
          "idleReplicaCount",
          "minReplicaCount",
          "maxReplicaCount",
          "fallback",
          "advanced",
          "triggers");
  static final Set<String> SCALE_TARGET_REF =
      Set.of("apiVersion", "kind", "name", "envSourceContainerName");
  static final Set<String> FALLBACK = Set.of("failureThreshold", "replicas");
  static final Set<String> ADVANCED =
      Set.of("restoreToOriginalReplicaCount", "horizontalPodAutoscalerConfig", "scalingModifiers");
  static final Set<String> HPA_CONFIG = Set.of("name", "behavior");
  static final Set<String> SCALING_MODIFIERS =
      Set.of("target", "activationTarget", "metricType", "formula");
  static final Set<String> TRIGGER =
      Set.of("type", "metadata", "name", "useCachedMetrics", "authenticationRef", "metricType");
  static final Set<String> AUTHENTICATION_REF = Set.of("name", "kind");
  static final Set<String> METRIC_TYPES = Set.of("AverageValue", "Value", "Utilization");

  private static final Set<String> REDIS_LIST =
      Set.of(
          "usernameFromEnv",
          "passwordFromEnv",
          "listName",
          "listLength",
          "activationListLength",
          "enableTLS",
          "unsafeSsl",
          "databaseIndex");
  private static final Set<String> REDIS_MANY_NODES =
      Set.of("addresses", "hosts", "ports", "addressesFromEnv", "hostsFromEnv", "portsFromEnv");
  private static final Set<String> REDIS_AUTH =
      Set.of("username", "password", "tls", "ca", "cert", "key", "keyPassword");

  /** Trigger metadata keys, by trigger type. */
  static final Map<String, Set<String>> TRIGGER_METADATA =
      Map.of(
          "redis",
          union(
              REDIS_LIST,
              Set.of("address", "host", "port", "addressFromEnv", "hostFromEnv", "portFromEnv")),
          "redis-cluster",
          union(REDIS_LIST, REDIS_MANY_NODES),
          "redis-sentinel",
          union(
              REDIS_LIST,
              REDIS_MANY_NODES,
              Set.of(
                  "sentinelUsernameFromEnv",
                  "sentinelPasswordFromEnv",
                  "sentinelMaster",
                  "sentinelMasterFromEnv")),
          "metrics-api",
          Set.of(
              "url",
              "format",
              "valueLocation",
              "targetValue",
              "activationTargetValue",
              "unsafeSsl",
              "aggregateFromKubeServiceEndpoints",
              "aggregationType",
              "authMode",
              "method",
              "keyParamName"));

  /** The parameters a TriggerAuthentication may supply, by trigger type. */
  static final Map<String, Set<String>> TRIGGER_AUTH_PARAMETERS =
      Map.of(
          "redis",
          union(REDIS_AUTH, Set.of("address", "host", "port")),
          "redis-cluster",
          union(REDIS_AUTH, Set.of("addresses", "hosts", "ports")),
          "redis-sentinel",
          union(
              REDIS_AUTH,
              Set.of(
                  "addresses",
                  "hosts",
                  "ports",
                  "sentinelMaster",
                  "sentinelUsername",
                  "sentinelPassword")),
          "metrics-api",
          Set.of("apiKey", "username", "password", "ca", "cert", "key", "token"));

  static final Set<String> TRIGGER_AUTHENTICATION_SPEC =
      Set.of(
          "podIdentity",
          "secretTargetRef",
          "env",
          "hashiCorpVault",
          "azureKeyVault",
          "awsSecretManager",
          "gcpSecretManager");
  static final Set<String> SECRET_TARGET_REF = Set.of("parameter", "name", "key");
  static final Set<String> ENV_TARGET = Set.of("parameter", "name", "containerName");

  private KedaSchema() {}

  static boolean isKeda(ObjectNode manifest) {
    return manifest.path("apiVersion").asText().startsWith("keda.sh/");
  }

  /** Every departure from the documented fields, each naming its path; empty when none. */
  static List<String> violations(ObjectNode manifest) {
    List<String> found = new ArrayList<>();
    String kind = manifest.path("kind").asText();
    if (!API_VERSION.equals(manifest.path("apiVersion").asText())) {
      found.add(kind + ": apiVersion must be " + API_VERSION);
    }
    only(manifest, TOP, kind, found);
    only(manifest.path("metadata"), METADATA, kind + ".metadata", found);
    JsonNode spec = manifest.path("spec");
    switch (kind) {
      case "ScaledObject" -> scaledObject(spec, found);
      case "TriggerAuthentication" -> triggerAuthentication(spec, found);
      default -> found.add("unexpected KEDA kind " + kind);
    }
    return found;
  }

  private static void scaledObject(JsonNode spec, List<String> found) {
    only(spec, SCALED_OBJECT_SPEC, "spec", found);
    if (!spec.path("scaleTargetRef").hasNonNull("name")) {
      found.add("spec.scaleTargetRef.name is required");
    }
    only(spec.path("scaleTargetRef"), SCALE_TARGET_REF, "spec.scaleTargetRef", found);
    only(spec.path("fallback"), FALLBACK, "spec.fallback", found);
    JsonNode advanced = spec.path("advanced");
    only(advanced, ADVANCED, "spec.advanced", found);
    JsonNode hpa = advanced.path("horizontalPodAutoscalerConfig");
    only(hpa, HPA_CONFIG, "spec.advanced.horizontalPodAutoscalerConfig", found);
    if (hpa.path("behavior").isObject()) {
      try {
        StrictKubernetesModel.parse(
            (ObjectNode) hpa.path("behavior"), HorizontalPodAutoscalerBehavior.class);
      } catch (IllegalArgumentException e) {
        found.add("spec.advanced.horizontalPodAutoscalerConfig.behavior: " + e.getMessage());
      }
    }
    only(
        advanced.path("scalingModifiers"),
        SCALING_MODIFIERS,
        "spec.advanced.scalingModifiers",
        found);
    JsonNode triggers = spec.path("triggers");
    if (!triggers.isArray() || triggers.isEmpty()) {
      found.add("spec.triggers must list at least one trigger");
      return;
    }
    for (int i = 0; i < triggers.size(); i++) {
      trigger(triggers.get(i), "spec.triggers[" + i + "]", found);
    }
  }

  private static void trigger(JsonNode trigger, String path, List<String> found) {
    only(trigger, TRIGGER, path, found);
    String type = trigger.path("type").asText();
    Set<String> keys = TRIGGER_METADATA.get(type);
    if (keys == null) {
      found.add(path + ".type " + type + " is not one of " + TRIGGER_METADATA.keySet());
      return;
    }
    JsonNode metadata = trigger.path("metadata");
    if (!metadata.isObject()) {
      found.add(path + ".metadata is required");
    }
    only(metadata, keys, path + ".metadata (" + type + ")", found);
    metadata
        .fields()
        .forEachRemaining(
            field -> {
              if (!field.getValue().isTextual()) {
                found.add(path + ".metadata." + field.getKey() + " must be a string (quote it)");
              }
            });
    if (trigger.has("metricType") && !METRIC_TYPES.contains(trigger.path("metricType").asText())) {
      found.add(path + ".metricType must be one of " + METRIC_TYPES);
    }
    only(trigger.path("authenticationRef"), AUTHENTICATION_REF, path + ".authenticationRef", found);
  }

  private static void triggerAuthentication(JsonNode spec, List<String> found) {
    only(spec, TRIGGER_AUTHENTICATION_SPEC, "spec", found);
    JsonNode refs = spec.path("secretTargetRef");
    for (int i = 0; i < refs.size(); i++) {
      only(refs.get(i), SECRET_TARGET_REF, "spec.secretTargetRef[" + i + "]", found);
    }
    JsonNode env = spec.path("env");
    for (int i = 0; i < env.size(); i++) {
      only(env.get(i), ENV_TARGET, "spec.env[" + i + "]", found);
    }
  }

  /** Reports each field of {@code node} (when it is a mapping) that {@code allowed} lacks. */
  private static void only(JsonNode node, Set<String> allowed, String path, List<String> found) {
    if (node.isMissingNode() || node.isNull()) {
      return;
    }
    if (!node.isObject()) {
      found.add(path + " must be a mapping");
      return;
    }
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!allowed.contains(name)) {
        found.add(path + "." + name + " is not a field KEDA documents here");
      }
    }
  }

  @SafeVarargs
  private static Set<String> union(Set<String>... sets) {
    java.util.HashSet<String> all = new java.util.HashSet<>();
    for (Set<String> set : sets) {
      all.addAll(set);
    }
    return Set.copyOf(all);
  }
}
