package io.docfleet.worker.ocr;

import io.docfleet.worker.testing.FakeTextract;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** The real AWS SDK client against {@link FakeTextract} on loopback. */
class TextractEngineContractTest extends OcrEngineContract {
  static final String SECRET_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

  private FakeTextract textract;
  private TextractEngine engine;

  @BeforeEach
  void startFake() {
    textract = new FakeTextract();
    engine = engineFor(textract);
  }

  @AfterEach
  void stopFake() {
    textract.close();
  }

  static TextractEngine engineFor(FakeTextract textract) {
    TextractSettings settings =
        new TextractSettings(
            Optional.of("eu-west-1"), Optional.of(textract.endpoint()), Duration.ofSeconds(20));
    return TextractEngine.create(
        settings,
        StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", SECRET_KEY)));
  }

  @Override
  OcrEngine engine() {
    return engine;
  }

  @Override
  String textPdfMethod() {
    return "textract";
  }
}
