package io.docfleet.redis;

import static io.docfleet.redis.KeyParts.contentId;
import static io.docfleet.redis.KeyParts.globEscaped;
import static io.docfleet.redis.KeyParts.part;
import static io.docfleet.redis.KeyParts.tag;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The one place where docfleet's Redis key names are built ({@code docs/redis-keys.md} lists them),
 * with the groups {@link #runs()}, {@link #metrics()}, {@link #ocrJobs()}, {@link #spend()} and
 * {@link #legacy()}; {@link KeyParts} escapes values and forms hash tags. Everything a queue's
 * scripts touch lives in the slot of {@code tasks:<type>} (a key without braces hashes whole, which
 * is what the tag {@code {tasks:<type>}} hashes), so the same scripts run on Redis Cluster. A
 * prefix (for tests or for sharing one Redis between fleets) goes in front of every name, inside
 * the tag.
 */
public final class RedisKeys {
  private final String prefix;
  private final MetricsKeys metrics;
  private final OcrJobKeys ocrJobs;
  private final RunKeys runs;
  private final LegacyKeys legacy;
  private final GroupKeys groups;
  private final SpendKeys spend;

  public RedisKeys(String prefix) {
    this.prefix = Objects.requireNonNull(prefix, "prefix");
    this.metrics = new MetricsKeys(prefix);
    this.ocrJobs = new OcrJobKeys(prefix);
    this.runs = new RunKeys(this);
    this.legacy = new LegacyKeys(this);
    this.groups = new GroupKeys(this);
    this.spend = new SpendKeys(prefix);
  }

  /** The prefix in front of every key; empty by default. */
  public String prefix() {
    return prefix;
  }

  /** {@code tasks:<type>}: ready tasks, LPUSH in, oldest out first. */
  public String ready(String type) {
    return prefix + "tasks:" + type;
  }

  /** {@code {tasks:<type>}:inflight:<workerId>}: a worker's in-flight list. */
  public String inFlight(String type, String workerId) {
    return queueTag(type) + ":inflight:" + workerId;
  }

  /** {@code {tasks:<type>}:delayed}: sorted set of tasks by the time they are due. */
  public String delayed(String type) {
    return queueTag(type) + ":delayed";
  }

  /** {@code {tasks:<type>}:dead}: the dead-letter list. */
  public String dead(String type) {
    return queueTag(type) + ":dead";
  }

  /** {@code {tasks:<type>}:stats}: counters of the queue. */
  public String stats(String type) {
    return queueTag(type) + ":stats";
  }

  /** {@code {tasks:<type>}:paused}: present while workers must not claim the type. */
  public String paused(String type) {
    return queueTag(type) + ":paused";
  }

  /** {@code {tasks:<type>}:idempotency:<key>}: marks a submitted idempotency key. */
  public String idempotency(String type, String idempotencyKey) {
    return queueTag(type) + ":idempotency:" + idempotencyKey;
  }

  /** {@code workers:<workerId>}: a worker's registration, kept alive by its heartbeat TTL. */
  public String worker(String workerId) {
    return prefix + "workers:" + workerId;
  }

  /** {@code workers:index}: every worker id that registered and was not reaped yet. */
  public String workersIndex() {
    return prefix + "workers:index";
  }

  /** {@code queues:index}: every task type a worker served or a task was submitted to. */
  public String queuesIndex() {
    return prefix + "queues:index";
  }

  /** {@code reaper:lock}: the Redisson lock that elects the one reaper of the fleet. */
  public String reaperLock() {
    return prefix + "reaper:lock";
  }

  /**
   * {@code cache:<type>:<sha256>:<engine>:<engineVersion>:<settingsVersion>}: one provider result,
   * addressed by the content it was computed from and everything else that shapes it.
   */
  public String cacheEntry(
      String type, String sha256, String engine, String engineVersion, String settingsVersion) {
    return prefix + "cache:" + contentId(type, sha256, engine, engineVersion, settingsVersion);
  }

  /**
   * {@code cache:lock:<type>:<sha256>:<engine>:<engineVersion>:<settingsVersion>}: the Redisson
   * lock held by the one caller that computes that entry while others wait for it.
   */
  public String cacheLock(
      String type, String sha256, String engine, String engineVersion, String settingsVersion) {
    return prefix + "cache:lock:" + contentId(type, sha256, engine, engineVersion, settingsVersion);
  }

  /** {@code cache:metrics:<type>}: hit and miss counters of one cache type. */
  public String cacheMetrics(String type) {
    return prefix + "cache:metrics:" + type;
  }

  /** {@code cache:metrics:total}: the counters of every cache type added up. */
  public String cacheMetricsTotal() {
    return cacheMetrics("total");
  }

  /** The names of a run's lock, of the task records and of the lanes, in the queue's slot. */
  public RunKeys runs() {
    return runs;
  }

  /** The names a run's keys had before issue 12, read for one release. */
  public LegacyKeys legacy() {
    return legacy;
  }

  /** The names of the fleet's histograms: {@code {metrics}:...}. */
  public MetricsKeys metrics() {
    return metrics;
  }

  /** {@code doc:state:<documentId>}: a document's pipeline state (docs/redis-keys.md). */
  public String documentState(String documentId) {
    return prefix + "doc:state:" + part(documentId);
  }

  /** {@code doc:<type>:<documentId>}: a document's pointer to its entry ({@code doc:ocr:d1}). */
  public String documentPointer(String type, String documentId) {
    return prefix + "doc:" + type + ":" + part(documentId);
  }

  /** {@code doc:<type>:<documentId>:<chunkId>}: a chunk's pointer to its entry. */
  public String chunkPointer(String type, String documentId, String chunkId) {
    return documentPointer(type, documentId) + ":" + part(chunkId);
  }

  /** {@code doc:index:<documentId>}: every pointer and entry written for a document. */
  public String documentIndex(String documentId) {
    return prefix + "doc:index:" + part(documentId);
  }

  /** {@code api:idempotency:<key>}: the coordinator's first answer to an Idempotency-Key. */
  public String apiIdempotency(String idempotencyKey) {
    return prefix + "api:idempotency:" + part(idempotencyKey);
  }

  /** {@code rate:<provider>:<operation>}: the Redisson rate limiter of one provider operation. */
  public String rateLimit(String provider, String operation) {
    return prefix + "rate:" + provider + ":" + part(operation);
  }

  /** The names of the OCR jobs' records: {@code job:textract:...}, {@code idempotent:ocr:...}. */
  public OcrJobKeys ocrJobs() {
    return ocrJobs;
  }

  /** {@code events:documents}: the channel of every document state change (JSON, README). */
  public String documentEvents() {
    return prefix + "events:documents";
  }

  /** {@code pipeline:pending:<documentId>}: the document has a pipeline task in this Redis. */
  public String pendingDocument(String documentId) {
    return prefix + "pipeline:pending:" + part(documentId);
  }

  /** {@code coordinator:leader}: the Redisson lock that elects the one coordinator leader. */
  public String coordinatorLeader() {
    return prefix + "coordinator:leader";
  }

  /** The names of the groups' lists, turns and limits, in each queue's slot. */
  public GroupKeys groups() {
    return groups;
  }

  /** The names of the live spend counters: {@code {spend}:...}. */
  public SpendKeys spend() {
    return spend;
  }

  /**
   * A {@code SCAN} pattern for names under this prefix, such as {@code cache:ocr:*}: the prefix is
   * matched literally (its {@code * ? [ ] \} escaped), the rest as the glob it is.
   */
  public String pattern(String pattern) {
    return globEscaped(prefix) + pattern;
  }

  /**
   * The start of every name the provider cache owns, and of nothing else: {@code cache:<type>:}
   * (entries) and {@code doc:<type>:} (pointers) for each of {@code types}, and {@code doc:index:};
   * not {@code cache:lock:}, {@code cache:metrics:} or {@code doc:state:}.
   */
  public List<String> providerCacheNamespaces(List<String> types) {
    List<String> namespaces = new ArrayList<>();
    for (String type : types) {
      namespaces.add(prefix + "cache:" + type + ":");
      namespaces.add(prefix + "doc:" + type + ":");
    }
    namespaces.add(prefix + "doc:index:");
    return List.copyOf(namespaces);
  }

  /**
   * Glob patterns ({@code SCAN MATCH}) that together match every key under this prefix: plain names
   * and names inside a hash tag. Only meaningful for a non-empty prefix.
   */
  public List<String> scanPatterns() {
    String glob = globEscaped(prefix);
    return List.of(glob + "*", "{" + glob + "*");
  }

  /**
   * The families of keys the Redis monitor counts ({@code SCAN} patterns named for the methods
   * above that build their names), in the order a key is sorted into them: a key counts in the
   * first family it matches.
   */
  public List<KeyFamily> families() {
    return KeyFamilies.of(prefix);
  }

  /** {@code {tasks:<type>}}: the hash tag of every key of the type's queue. */
  String queueTag(String type) {
    return tag(ready(type));
  }
}
