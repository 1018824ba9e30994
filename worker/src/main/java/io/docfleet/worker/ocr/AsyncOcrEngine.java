package io.docfleet.worker.ocr;

import io.docfleet.worker.provider.ProviderException;

/**
 * An engine whose large inputs run as a job at the provider. Nothing here waits: {@link #start}
 * returns a job id at once, and the caller re-schedules itself to {@link #poll} later, so a running
 * job holds no worker thread.
 */
public interface AsyncOcrEngine extends OcrEngine {

  /** True when this input must go through {@link #start} and {@link #poll}, not recognize. */
  boolean needsJob(OcrInput input) throws ProviderException;

  /**
   * Starts (or finds again) the job for this input: a start with the same {@code requestToken}
   * returns the same job id, so a start repeated after a lost answer pays once; another token
   * starts another job.
   */
  String start(OcrInput input, String requestToken) throws ProviderException;

  /** The job's state: still running, or done with every page read. */
  OcrJobStatus poll(String jobId) throws ProviderException;
}
