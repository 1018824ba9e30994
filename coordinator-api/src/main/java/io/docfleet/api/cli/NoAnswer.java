package io.docfleet.api.cli;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javax.net.ssl.SSLHandshakeException;

/**
 * What the CLI says when a call got no HTTP answer, from what the JDK's client reports: the API
 * could not be reached (connection refused, unknown host, connect timeout...); it did not answer in
 * time; or it closed the connection without answering. The coordinator does the last to an upload
 * it refuses (a missing or wrong token, a file over its limit) when the upload is larger than it
 * reads to answer, so for an upload the message names those causes rather than an unreachable API.
 */
record NoAnswer(URI base, boolean tokenSet, Duration timeout) {

  /** Why a call got no answer. */
  CliFailure of(IOException e) {
    if (beforeConnecting(e)) {
      return new CliFailure(
          "cannot reach the docfleet API at "
              + base
              + " ("
              + describe(e)
              + "); is the coordinator running? Set "
              + ApiClient.URL_VARIABLE
              + " to its URL");
    }
    if (e instanceof HttpTimeoutException) {
      return new CliFailure(
          "the docfleet API at " + base + " did not answer within " + timeout.toSeconds() + " s");
    }
    return new CliFailure(closed(e));
  }

  /** Why the upload of {@code file} got no answer. */
  CliFailure ofUpload(IOException e, Path file) {
    if (beforeConnecting(e) || e instanceof HttpTimeoutException) {
      return of(e);
    }
    return new CliFailure(
        closed(e)
            + " during the upload of "
            + file
            + size(file)
            + "; the coordinator does that to an upload it refuses without reading it all: "
            + (tokenSet
                ? "check that "
                    + ApiClient.TOKEN_VARIABLE
                    + " is one of its COORDINATOR_API_TOKENS and that the file is within its"
                    + " COORDINATOR_MAX_UPLOAD_BYTES"
                : "set "
                    + ApiClient.TOKEN_VARIABLE
                    + " to one of its COORDINATOR_API_TOKENS (every upload needs one)"));
  }

  private String closed(IOException e) {
    return "the docfleet API at "
        + base
        + " closed the connection without answering ("
        + describe(e)
        + ")";
  }

  private static String size(Path file) {
    try {
      return " (" + Formats.bytes(Files.size(file)) + ")";
    } catch (IOException e) {
      return "";
    }
  }

  /** True when the failure came before a request could be sent: nothing answered at all. */
  private static boolean beforeConnecting(IOException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ConnectException
          || t instanceof HttpConnectTimeoutException
          || t instanceof UnresolvedAddressException
          || t instanceof UnknownHostException
          || t instanceof NoRouteToHostException
          || t instanceof SSLHandshakeException) {
        return true;
      }
    }
    return false;
  }

  /** The JDK's connect failures often carry no message: say what they mean. */
  private static String describe(IOException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof UnresolvedAddressException) {
        return "unknown host";
      }
    }
    String message = e.getMessage();
    if (message == null && e.getCause() != null) {
      message = e.getCause().getMessage();
    }
    if (message != null && !message.isBlank()) {
      return message;
    }
    return e instanceof ConnectException ? "connection refused" : e.getClass().getSimpleName();
  }
}
