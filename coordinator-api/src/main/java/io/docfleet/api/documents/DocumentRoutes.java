package io.docfleet.api.documents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.docfleet.api.context.ApiContext;
import io.docfleet.api.http.Access;
import io.docfleet.api.http.ApiException;
import io.docfleet.api.http.Fields;
import io.docfleet.api.http.Route;
import io.docfleet.cache.DocumentInvalidation;
import io.docfleet.document.ContentHash;
import io.docfleet.store.DocumentFile;
import io.docfleet.store.DocumentRecord;
import io.docfleet.task.Placement;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /api/v1/documents}: submit a document (by source or upload, optionally idempotent, in a
 * lane and a group), read its state and result, reprocess it, drop its cache.
 */
public final class DocumentRoutes {
  /**
   * The largest request body an upload of at most {@code maxUploadBytes} takes: file and framing.
   */
  public static long largestUploadBody(long maxUploadBytes) {
    return maxUploadBytes + DocumentUploads.FRAMING_BYTES;
  }

  public static final String BASE = "/api/v1/documents";

  private final ApiContext api;
  private final SourceCheck sources;
  private final DocumentSubmissions submissions;
  private final DocumentUploads uploads;
  private final IdempotentAnswers idempotency;
  private final DocumentInvalidation invalidation;
  private final CallbackCheck callbacks;

  public DocumentRoutes(ApiContext api, DocumentIntake intake) {
    this.api = api;
    this.sources = intake.sources();
    this.submissions = new DocumentSubmissions(api);
    this.uploads = new DocumentUploads(intake.uploadStore(), intake.maxUploadBytes());
    this.idempotency =
        new IdempotentAnswers(api.fleet(), api.bodies().mapper(), intake.idempotencyTtl());
    this.invalidation =
        new DocumentInvalidation(api.fleet(), api.cache(), api.store().textractJobs());
    this.callbacks = new CallbackCheck(intake.webhooks());
  }

  public List<Route> routes() {
    return List.of(
        Route.post(BASE, this::submit),
        Route.get(BASE + "/{id}", Access.READ, this::show),
        Route.get(BASE + "/{id}/result", Access.CONTENT, this::result),
        Route.post(BASE + "/{id}/reprocess", this::reprocess),
        Route.delete(BASE + "/{id}/cache", this::dropCache));
  }

  private void submit(Context http) throws Exception {
    String key =
        Optional.ofNullable(http.header(IdempotentAnswers.HEADER))
            .map(IdempotentAnswers::validKey)
            .orElse(null);
    if (http.isMultipartFormData()) {
      try (SpooledUpload upload = uploads.spool(http)) {
        String fingerprint =
            "upload:" + upload.sha256() + ":" + upload.name() + ":" + uploads.fields(http);
        idempotency.respond(http, key, fingerprint, () -> submitUpload(http, upload));
      }
      return;
    }
    String contentType = Optional.ofNullable(http.contentType()).orElse("");
    if (!contentType.toLowerCase().startsWith("application/json")) {
      throw new ApiException(
          415,
          "send application/json naming a source, or multipart/form-data with a file",
          "Content-Type");
    }
    JsonNode body = api.bodies().read(http);
    if (!body.isObject()) {
      throw ApiException.badRequest("body", "the body must be a JSON object");
    }
    idempotency.respond(
        http, key, "source:" + ContentHash.sha256(body.toString()), () -> submitSource(http, body));
  }

  private IdempotentAnswers.Answer submitSource(Context http, JsonNode body) {
    Fields.optionalText(body, "source")
        .orElseThrow(() -> ApiException.badRequest("source", "'source' is required"));
    String source = body.get("source").asText(); // untrimmed: an S3 key may end in a space
    String checked = sources.check("source", source);
    String id = documentId(Fields.optionalText(body, "documentId"));
    String name = Fields.optionalText(body, "name").orElse(lastSegment(checked));
    String mediaType = Fields.optionalText(body, "mediaType").orElse("application/octet-stream");
    Optional<String> callback = callbacks.check(Fields.optionalText(body, CallbackCheck.FIELD));
    Placement placement = PlacementFields.ofJson(http, body);
    DocumentFile file = DocumentSubmissions.unread(id, checked, name, mediaType);
    return accepted(
        id,
        submissions.submitNew(file, callback, placement, () -> {}).orElseThrow(() -> taken(id)));
  }

  private IdempotentAnswers.Answer submitUpload(Context http, SpooledUpload upload) {
    String id =
        documentId(Optional.ofNullable(http.formParam("documentId")).filter(s -> !s.isBlank()));
    Optional<String> callback =
        callbacks.check(
            Optional.ofNullable(http.formParam(CallbackCheck.FIELD))
                .filter(s -> !s.isBlank())
                .map(s -> Fields.plainText(CallbackCheck.FIELD, s).trim()));
    Placement placement = PlacementFields.ofForm(http);
    DocumentFile file =
        new DocumentFile(
            id,
            uploads.sourceOf(id, upload),
            upload.name(),
            upload.mediaType(),
            upload.size(),
            upload.sha256());
    String taskId =
        submissions
            .submitNew(file, callback, placement, () -> uploads.store(id, upload))
            .orElseThrow(() -> taken(id));
    return accepted(id, taskId);
  }

  /** The caller's id (checked) or a generated one; whether it is new, registering decides. */
  private static String documentId(Optional<String> given) {
    return given
        .map(id -> Fields.documentId("documentId", id))
        .orElseGet(DocumentSubmissions::newDocumentId);
  }

  private static ApiException taken(String id) {
    return new ApiException(
        409,
        "document " + id + " exists; use POST " + BASE + "/" + id + "/reprocess",
        "documentId");
  }

  private IdempotentAnswers.Answer accepted(String id, String taskId) {
    ObjectNode body = api.bodies().mapper().createObjectNode();
    body.put("documentId", id);
    body.put("taskId", taskId);
    body.put("status", "queued");
    body.put("location", location(id));
    return new IdempotentAnswers.Answer(202, location(id), body);
  }

  private void show(Context http) {
    DocumentRecord record = find(http);
    Map<String, String> state =
        api.fleet()
            .redis()
            .<String, String>getMap(api.fleet().keys().documentState(record.id()))
            .readAllMap();
    http.json(DocumentView.of(record, state, api.store().stageEngines().engines(record.id())));
  }

  private void result(Context http) {
    http.json(DocumentResult.read(find(http), api.store()));
  }

  private void reprocess(Context http) {
    DocumentRecord record = find(http);
    JsonNode body = api.bodies().readOptional(http);
    boolean invalidate = Fields.optionalBool(body, "invalidateCache", false);
    // the lane and group it was submitted with, unless the reprocess says otherwise
    Placement placement =
        PlacementFields.given(http, body)
            ? PlacementFields.ofJson(http, body)
            : api.store().documents().placement(record.id());
    if (!record.status().isFinal()) {
      throw new ApiException(
          409,
          "document "
              + record.id()
              + " is "
              + record.status().wireName()
              + "; reprocess it once it is completed or failed",
          "status");
    }
    // A new run: the old OCR job's records must not answer it; the cache may, unless told not to.
    DocumentInvalidation.Forgotten forgotten =
        invalidate
            ? invalidation.invalidate(record.id(), "reprocessed with invalidateCache")
            : invalidation.forgetOcrJob(record.id(), "reprocessed");
    String taskId = submissions.resubmit(record.file(), placement);
    ObjectNode answer = api.bodies().mapper().createObjectNode();
    answer.put("documentId", record.id());
    answer.put("taskId", taskId);
    answer.put("status", "queued");
    answer.put("cacheKeysRemoved", forgotten.cacheKeys());
    answer.put("ocrJobKeysRemoved", forgotten.ocrJobKeys());
    http.header("Location", location(record.id())).status(202).json(answer);
  }

  private void dropCache(Context http) {
    String id = checkedId(http.pathParam("id"));
    ObjectNode answer = api.bodies().mapper().createObjectNode();
    DocumentInvalidation.Forgotten forgotten = invalidation.invalidate(id, "asked through the API");
    answer.put("documentId", id);
    answer.put("keysRemoved", forgotten.keys());
    answer.put("cacheKeysRemoved", forgotten.cacheKeys());
    answer.put("ocrJobKeysRemoved", forgotten.ocrJobKeys());
    http.json(answer);
  }

  private DocumentRecord find(Context http) {
    String id = checkedId(http.pathParam("id"));
    return api.store()
        .documents()
        .find(id)
        .orElseThrow(() -> ApiException.notFound("id", "no document " + id));
  }

  private static String checkedId(String id) {
    return Fields.documentId("id", id);
  }

  static String location(String id) {
    return BASE + "/" + id;
  }

  private static String lastSegment(String source) {
    String trimmed = source.endsWith("/") ? source.substring(0, source.length() - 1) : source;
    return trimmed.substring(trimmed.lastIndexOf('/') + 1);
  }
}
