package io.docfleet.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the fleet's manifests must say, checked on the base as written and on every build: each rule
 * returns the problems it found, each naming the object, so one failure lists them all.
 */
final class FleetRules {
  static final String SHUTDOWN_GRACE_DEFAULT = "30s";

  private FleetRules() {}

  /**
   * Worker Deployments: WORKER_TASK_TYPES set, a termination grace period above SHUTDOWN_GRACE,
   * liveness on /health and readiness on /ready at WORKER_HTTP_PORT, requests and limits of CPU and
   * memory.
   */
  static List<String> workers(ManifestSet set) {
    List<String> problems = new ArrayList<>();
    if (set.workers().isEmpty()) {
      problems.add(set + ": no worker Deployment (label app.kubernetes.io/component=worker)");
    }
    for (Deployment worker : set.workers()) {
      String name = "Deployment " + worker.getMetadata().getName();
      PodSpec pod = worker.getSpec().getTemplate().getSpec();
      Container container = pod.getContainers().get(0);
      Map<String, String> env = set.environment(container);
      if (env.getOrDefault("WORKER_TASK_TYPES", "").isBlank()) {
        problems.add(name + ": WORKER_TASK_TYPES is not set");
      }
      Duration grace = Durations.parse(env.getOrDefault("SHUTDOWN_GRACE", SHUTDOWN_GRACE_DEFAULT));
      Long termination = pod.getTerminationGracePeriodSeconds();
      if (termination == null || termination <= grace.toSeconds()) {
        problems.add(
            name
                + ": terminationGracePeriodSeconds "
                + termination
                + " is not above SHUTDOWN_GRACE "
                + grace.toSeconds()
                + "s");
      }
      Optional<Integer> httpPort =
          container.getPorts().stream()
              .filter(p -> "http".equals(p.getName()))
              .map(ContainerPort::getContainerPort)
              .findFirst();
      String declared = env.get("WORKER_HTTP_PORT");
      if (httpPort.isEmpty()
          || declared == null
          || !declared.equals(String.valueOf(httpPort.get()))) {
        problems.add(
            name
                + ": the container port named http ("
                + httpPort.orElse(null)
                + ") is not WORKER_HTTP_PORT ("
                + declared
                + ")");
      }
      probe(name + " liveness", container.getLivenessProbe(), "/health", problems);
      probe(name + " readiness", container.getReadinessProbe(), "/ready", problems);
      resources(name, container.getResources(), problems);
    }
    return problems;
  }

  /** The coordinator: probes, resources, and a Service that selects it on its http port. */
  static List<String> coordinator(ManifestSet set) {
    List<String> problems = new ArrayList<>();
    List<Deployment> coordinators =
        set.deployments().stream()
            .filter(
                d ->
                    "coordinator"
                        .equals(d.getMetadata().getLabels().get("app.kubernetes.io/component")))
            .toList();
    if (coordinators.size() != 1) {
      return List.of(set + ": expected one coordinator Deployment, found " + coordinators.size());
    }
    Deployment coordinator = coordinators.get(0);
    Container container = coordinator.getSpec().getTemplate().getSpec().getContainers().get(0);
    probe("coordinator liveness", container.getLivenessProbe(), "/health", problems);
    probe("coordinator readiness", container.getReadinessProbe(), "/ready", problems);
    resources("coordinator", container.getResources(), problems);
    Map<String, String> podLabels = coordinator.getSpec().getTemplate().getMetadata().getLabels();
    List<Service> services =
        set.typed("Service", Service.class).stream()
            .filter(s -> podLabels.entrySet().containsAll(s.getSpec().getSelector().entrySet()))
            .toList();
    if (services.isEmpty()) {
      problems.add("no Service selects the coordinator's pods");
    }
    for (Service service : services) {
      service
          .getSpec()
          .getPorts()
          .forEach(
              port -> {
                String target = port.getTargetPort().getStrVal();
                boolean named =
                    container.getPorts().stream().anyMatch(p -> p.getName().equals(target));
                if (target != null && !named) {
                  problems.add(
                      "Service "
                          + service.getMetadata().getName()
                          + ": targetPort "
                          + target
                          + " is no port of the coordinator");
                }
              });
    }
    return problems;
  }

  /** Every Deployment is covered by a PodDisruptionBudget, and every budget selects pods. */
  static List<String> disruptionBudgets(ManifestSet set) {
    List<String> problems = new ArrayList<>();
    List<PodDisruptionBudget> budgets = set.typed("PodDisruptionBudget", PodDisruptionBudget.class);
    for (Deployment deployment : set.deployments()) {
      Map<String, String> labels = deployment.getSpec().getTemplate().getMetadata().getLabels();
      boolean covered =
          budgets.stream()
              .anyMatch(
                  b ->
                      labels
                          .entrySet()
                          .containsAll(b.getSpec().getSelector().getMatchLabels().entrySet()));
      if (!covered) {
        problems.add(
            "Deployment " + deployment.getMetadata().getName() + " has no PodDisruptionBudget");
      }
    }
    for (PodDisruptionBudget budget : budgets) {
      Map<String, String> selector = budget.getSpec().getSelector().getMatchLabels();
      boolean selects =
          set.deployments().stream()
              .anyMatch(
                  d ->
                      d.getSpec()
                          .getTemplate()
                          .getMetadata()
                          .getLabels()
                          .entrySet()
                          .containsAll(selector.entrySet()));
      if (!selects) {
        problems.add("PodDisruptionBudget " + budget.getMetadata().getName() + " selects no pods");
      }
    }
    return problems;
  }

  /**
   * One ScaledObject per worker Deployment, with for each of its task types a redis trigger on
   * tasks:&lt;type&gt; (at the queue Redis the processes use) and a metrics-api trigger on the
   * coordinator's in-flight count of that type (target: WORKER_CONCURRENCY); every trigger's
   * TriggerAuthentication exists, supplies only parameters its trigger type takes, from Secret keys
   * that exist (when the Secret is part of the set).
   */
  static List<String> scaledObjects(ManifestSet set) {
    List<String> problems = new ArrayList<>();
    for (Deployment worker : set.workers()) {
      String deployment = worker.getMetadata().getName();
      List<ManifestSet.Manifest> scalers =
          set.ofKind("ScaledObject").stream()
              .filter(
                  s ->
                      deployment.equals(
                          s.tree().path("spec").path("scaleTargetRef").path("name").asText()))
              .toList();
      if (scalers.size() != 1) {
        problems.add(
            "Deployment " + deployment + ": " + scalers.size() + " ScaledObjects target it, not 1");
        continue;
      }
      ManifestSet.Manifest scaler = scalers.get(0);
      Container container = worker.getSpec().getTemplate().getSpec().getContainers().get(0);
      Map<String, String> env = set.environment(container);
      String concurrency = env.getOrDefault("WORKER_CONCURRENCY", "8");
      JsonNode triggers = scaler.tree().path("spec").path("triggers");
      for (String type : env.getOrDefault("WORKER_TASK_TYPES", "").split(",")) {
        queueTrigger(set, scaler, triggers, type.trim(), env, problems);
        inFlightTrigger(set, scaler, triggers, type.trim(), concurrency, problems);
        everyLaneTrigger(scaler, triggers, type.trim(), problems);
      }
      for (JsonNode trigger : triggers) {
        authentication(set, scaler, trigger, problems);
      }
    }
    return problems;
  }

  private static void queueTrigger(
      ManifestSet set,
      ManifestSet.Manifest scaler,
      JsonNode triggers,
      String type,
      Map<String, String> env,
      List<String> problems) {
    String where = "ScaledObject " + scaler.name();
    Optional<JsonNode> found = Optional.empty();
    for (JsonNode trigger : triggers) {
      if (trigger.path("type").asText().startsWith("redis")
          && ("tasks:" + type).equals(trigger.path("metadata").path("listName").asText())) {
        found = Optional.of(trigger);
      }
    }
    if (found.isEmpty()) {
      problems.add(where + ": no redis trigger with listName tasks:" + type);
      return;
    }
    JsonNode metadata = found.get().path("metadata");
    if (!metadata.hasNonNull("listLength")) {
      problems.add(where + ": the redis trigger on tasks:" + type + " sets no listLength");
    }
    String kind = found.get().path("type").asText();
    String mode = set.config().getOrDefault("REDIS_MODE", env.getOrDefault("REDIS_MODE", "single"));
    if (kind.equals("redis")) {
      String queue = hostAndPort(env.getOrDefault("REDIS_URL", "redis://127.0.0.1:6379"));
      if (!mode.equals("single") || !queue.equals(metadata.path("address").asText())) {
        problems.add(
            where
                + ": the redis trigger reads "
                + metadata.path("address").asText()
                + ", the processes use "
                + queue
                + " (REDIS_MODE "
                + mode
                + ")");
      }
    } else {
      String expectedMode = kind.equals("redis-cluster") ? "cluster" : "sentinel";
      String nodes = env.getOrDefault("REDIS_NODES", "");
      if (!mode.equals(expectedMode) || !sameList(nodes, metadata.path("addresses").asText())) {
        problems.add(
            where
                + ": the "
                + kind
                + " trigger reads "
                + metadata.path("addresses").asText()
                + ", the processes use REDIS_MODE "
                + mode
                + " with REDIS_NODES "
                + nodes);
      }
      if (kind.equals("redis-sentinel")
          && !metadata
              .path("sentinelMaster")
              .asText()
              .equals(env.getOrDefault("REDIS_SENTINEL_MASTER", "mymaster"))) {
        problems.add(where + ": sentinelMaster is not REDIS_SENTINEL_MASTER");
      }
    }
  }

  /**
   * A metrics-api trigger on the coordinator's ready count of the type (every priority lane), with
   * the redis trigger's listLength as its target: a backlog in the high or low lane scales too.
   */
  private static void everyLaneTrigger(
      ManifestSet.Manifest scaler, JsonNode triggers, String type, List<String> problems) {
    String location = "queues.#(type==\"" + type + "\").ready";
    String listLength = "";
    boolean found = false;
    for (JsonNode trigger : triggers) {
      if (("tasks:" + type).equals(trigger.path("metadata").path("listName").asText())) {
        listLength = trigger.path("metadata").path("listLength").asText();
      }
    }
    for (JsonNode trigger : triggers) {
      JsonNode metadata = trigger.path("metadata");
      found |=
          trigger.path("type").asText().equals("metrics-api")
              && location.equals(metadata.path("valueLocation").asText())
              && listLength.equals(metadata.path("targetValue").asText());
    }
    if (!found) {
      problems.add(
          "ScaledObject "
              + scaler.name()
              + ": no metrics-api trigger with valueLocation "
              + location
              + " and targetValue "
              + listLength
              + " (the redis trigger's listLength): the high and low lanes would not scale");
    }
  }

  private static void inFlightTrigger(
      ManifestSet set,
      ManifestSet.Manifest scaler,
      JsonNode triggers,
      String type,
      String concurrency,
      List<String> problems) {
    String where = "ScaledObject " + scaler.name();
    String location = "queues.#(type==\"" + type + "\").inFlight";
    Optional<JsonNode> found = Optional.empty();
    for (JsonNode trigger : triggers) {
      if (trigger.path("type").asText().equals("metrics-api")
          && location.equals(trigger.path("metadata").path("valueLocation").asText())) {
        found = Optional.of(trigger);
      }
    }
    if (found.isEmpty()) {
      problems.add(where + ": no metrics-api trigger with valueLocation " + location);
      return;
    }
    JsonNode metadata = found.get().path("metadata");
    if (!concurrency.equals(metadata.path("targetValue").asText())) {
      problems.add(
          where
              + ": the in-flight trigger's targetValue "
              + metadata.path("targetValue").asText()
              + " is not WORKER_CONCURRENCY "
              + concurrency);
    }
    URI url = URI.create(metadata.path("url").asText());
    if (!"/api/v1/queues".equals(url.getPath())) {
      problems.add(where + ": the in-flight trigger calls " + url + ", not GET /api/v1/queues");
    }
    String[] host = url.getHost().split("\\.");
    Optional<Service> service =
        set.typed("Service", Service.class).stream()
            .filter(s -> s.getMetadata().getName().equals(host[0]))
            .findFirst();
    if (service.isEmpty()) {
      problems.add(
          where + ": the in-flight trigger's host " + url.getHost() + " is no Service here");
    } else {
      String namespace = service.get().getMetadata().getNamespace();
      if (namespace != null && (host.length < 2 || !host[1].equals(namespace))) {
        problems.add(
            where
                + ": the in-flight trigger calls "
                + url.getHost()
                + " but the Service is in namespace "
                + namespace);
      }
      boolean port =
          service.get().getSpec().getPorts().stream().anyMatch(p -> p.getPort() == url.getPort());
      if (!port) {
        problems.add(where + ": the Service " + host[0] + " has no port " + url.getPort());
      }
    }
  }

  private static void authentication(
      ManifestSet set, ManifestSet.Manifest scaler, JsonNode trigger, List<String> problems) {
    String ref = trigger.path("authenticationRef").path("name").asText();
    if (ref.isEmpty()) {
      return;
    }
    String where = "ScaledObject " + scaler.name() + " trigger " + trigger.path("name").asText();
    Optional<ManifestSet.Manifest> auth = set.find("TriggerAuthentication", ref);
    if (auth.isEmpty()) {
      problems.add(where + ": TriggerAuthentication " + ref + " is not here");
      return;
    }
    Set<String> allowed =
        KedaSchema.TRIGGER_AUTH_PARAMETERS.getOrDefault(trigger.path("type").asText(), Set.of());
    Optional<Secret> secret =
        set.typed("Secret", Secret.class).stream()
            .filter(s -> s.getMetadata().getName().equals(ManifestSet.SECRET))
            .findFirst();
    for (JsonNode target : auth.get().tree().path("spec").path("secretTargetRef")) {
      String parameter = target.path("parameter").asText();
      if (!allowed.contains(parameter)) {
        problems.add(
            where
                + ": "
                + ref
                + " supplies "
                + parameter
                + ", which a "
                + trigger.path("type").asText()
                + " trigger does not take");
      }
      if (secret.isPresent() && target.path("name").asText().equals(ManifestSet.SECRET)) {
        Set<String> keys = new java.util.HashSet<>();
        if (secret.get().getStringData() != null)
          keys.addAll(secret.get().getStringData().keySet());
        if (secret.get().getData() != null) keys.addAll(secret.get().getData().keySet());
        if (!keys.contains(target.path("key").asText())) {
          problems.add(
              ref + ": " + ManifestSet.SECRET + " has no key " + target.path("key").asText());
        }
      }
    }
  }

  private static void probe(String what, Probe probe, String path, List<String> problems) {
    if (probe == null || probe.getHttpGet() == null) {
      problems.add(what + ": no HTTP probe");
      return;
    }
    if (!path.equals(probe.getHttpGet().getPath())
        || !"http".equals(probe.getHttpGet().getPort().getStrVal())) {
      problems.add(
          what
              + " probe asks "
              + probe.getHttpGet().getPath()
              + " on port "
              + probe.getHttpGet().getPort()
              + ", not "
              + path
              + " on the http port");
    }
  }

  private static void resources(
      String what, ResourceRequirements resources, List<String> problems) {
    for (String kind : List.of("cpu", "memory")) {
      if (resources == null || !resources.getRequests().containsKey(kind)) {
        problems.add(what + ": no " + kind + " request");
      }
      if (resources == null || !resources.getLimits().containsKey(kind)) {
        problems.add(what + ": no " + kind + " limit");
      }
    }
  }

  static String hostAndPort(String redisUrl) {
    URI uri = URI.create(redisUrl);
    return uri.getHost() + ":" + (uri.getPort() < 0 ? 6379 : uri.getPort());
  }

  private static boolean sameList(String a, String b) {
    return Arrays.stream(a.split(","))
        .map(String::trim)
        .toList()
        .equals(Arrays.stream(b.split(",")).map(String::trim).toList());
  }
}
