package io.docfleet.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class S3LocationTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "plain.pdf",
        "with space.pdf",
        "a#b?c.pdf",
        "100%.pdf",
        "a%20b%0A%zz.pdf",
        "a+b&c=d;e,f@g:h!$'()*[]~.pdf",
        "Akten/Müller – 日本 € 𝄞.pdf",
        "/leading//double/",
        "trailing space "
      })
  void aKeyIsTakenLiterallyAndSurvivesTheUriForm(String key) throws Exception {
    S3Location location = S3Location.parse("s3://in-box_1.a/" + key);

    assertThat(location).isEqualTo(new S3Location("in-box_1.a", key));
    assertThat(location.source()).isEqualTo("s3://in-box_1.a/" + key);
    assertThat(S3Location.parse(location.toUri())).isEqualTo(location);
    assertThat(DocumentSources.parse(location.source())).isEqualTo(location.toUri());
    assertThat(location.toUri().getRawQuery()).isNull();
    assertThat(location.toUri().getRawFragment()).isNull();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "s3://in/a\nb",
        "s3://in/a\u0085b",
        "s3://in/",
        "s3://in",
        "s3:///a",
        "s3://in box/a",
        "s3://in%20box/a",
        "s3://in/\ud800"
      })
  void aSourceNamingNoValidBucketAndKeyIsRefused(String source) {
    assertThatThrownBy(() -> S3Location.parse(source))
        .isInstanceOf(SourceException.class)
        .hasMessageStartingWith("not an s3://bucket/key source")
        .satisfies(e -> assertThat(((SourceException) e).retryable()).isFalse());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"s3://in/a?b", "s3://in/a#b", "s3://in/a%C3%28", "s3://in/a%C3", "s3:/in/a"})
  void aUriNotInTheFormToUriWritesIsRefused(String uri) {
    assertThatThrownBy(() -> S3Location.parse(URI.create(uri)))
        .isInstanceOf(SourceException.class)
        .hasMessageStartingWith("not an s3://bucket/key URI");
  }
}
