package io.docfleet.worker.ocr;

import io.docfleet.document.PageText;
import io.docfleet.source.S3Location;
import io.docfleet.worker.provider.CallPermits;
import io.docfleet.worker.provider.ProviderException;
import io.docfleet.worker.provider.ProviderUsage;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.textract.TextractClient;
import software.amazon.awssdk.services.textract.model.Block;
import software.amazon.awssdk.services.textract.model.DocumentLocation;
import software.amazon.awssdk.services.textract.model.GetDocumentTextDetectionResponse;
import software.amazon.awssdk.services.textract.model.JobStatus;
import software.amazon.awssdk.services.textract.model.S3Object;

/**
 * Textract's asynchronous text detection: one call starts a job, each poll is one status call and,
 * once the job has succeeded, the calls that follow NextToken until every block is read.
 */
final class TextractJobs {
  private static final int MAX_RESULTS = 1000;

  private final TextractClient client;
  private final CallPermits permits;

  TextractJobs(TextractClient client, CallPermits permits) {
    this.client = client;
    this.permits = permits;
  }

  String start(S3Location location, String clientRequestToken) throws ProviderException {
    TextractEngine.permit(permits, TextractEngine.START);
    try {
      return client
          .startDocumentTextDetection(
              r ->
                  r.documentLocation(
                          DocumentLocation.builder()
                              .s3Object(
                                  S3Object.builder()
                                      .bucket(location.bucket())
                                      .name(location.key())
                                      .build())
                              .build())
                      .clientRequestToken(clientRequestToken))
          .jobId();
    } catch (SdkException e) {
      throw TextractFailures.map(e, "StartDocumentTextDetection of " + location.toUri());
    }
  }

  OcrJobStatus poll(String jobId) throws ProviderException {
    if (jobId == null || jobId.isBlank()) {
      throw ProviderException.permanent(TextractEngine.NAME, "a job id is needed to poll");
    }
    GetDocumentTextDetectionResponse first = get(jobId, null);
    JobStatus status = first.jobStatus();
    if (status == JobStatus.IN_PROGRESS) {
      return new OcrJobStatus.InProgress(jobId);
    }
    if (status != JobStatus.SUCCEEDED) {
      // PARTIAL_SUCCESS loses pages without saying which text is missing: not a result to keep.
      throw ProviderException.permanent(
          TextractEngine.NAME,
          "job "
              + jobId
              + " ended "
              + first.jobStatusAsString()
              + (first.statusMessage() == null ? "" : ": " + first.statusMessage()));
    }
    List<Block> blocks = new ArrayList<>(first.blocks());
    String nextToken = first.nextToken();
    while (nextToken != null && !nextToken.isEmpty()) {
      GetDocumentTextDetectionResponse next = get(jobId, nextToken);
      blocks.addAll(next.blocks());
      nextToken = next.nextToken();
    }
    int pages = first.documentMetadata() == null ? 0 : nullToZero(first.documentMetadata().pages());
    List<PageText> read = TextractBlocks.pages(blocks, pages);
    // Textract bills a job by the pages it processed: DocumentMetadata.Pages.
    return new OcrJobStatus.Done(
        jobId,
        read,
        List.of(
            ProviderUsage.textractPages(
                ProviderUsage.START_DOCUMENT_TEXT_DETECTION, pages > 0 ? pages : read.size())));
  }

  private GetDocumentTextDetectionResponse get(String jobId, String nextToken)
      throws ProviderException {
    TextractEngine.permit(permits, TextractEngine.GET);
    try {
      return client.getDocumentTextDetection(
          r -> r.jobId(jobId).maxResults(MAX_RESULTS).nextToken(nextToken));
    } catch (SdkException e) {
      throw TextractFailures.map(e, "GetDocumentTextDetection of job " + jobId);
    }
  }

  private static int nullToZero(Integer value) {
    return value == null ? 0 : value;
  }
}
