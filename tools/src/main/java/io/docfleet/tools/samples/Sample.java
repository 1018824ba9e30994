package io.docfleet.tools.samples;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * One file of the sample corpus: its name, format, how it is set, and the entities planted in its
 * text. The text comes from the resource of the same name with the extension {@code .txt}.
 *
 * @param fontSize points; for pictures at the page size the picture is drawn at
 * @param lineSpacing leading as a multiple of the font size (2 for a double-spaced pleading)
 */
public record Sample(
    String fileName,
    Format format,
    String title,
    float fontSize,
    float lineSpacing,
    Map<EntityType, List<String>> entities) {

  public Sample {
    entities = Collections.unmodifiableMap(new EnumMap<>(entities));
  }

  String sourceResource() {
    return fileName.substring(0, fileName.lastIndexOf('.')) + ".txt";
  }

  /** Every planted string, in manifest order. */
  public List<String> plantedStrings() {
    List<String> all = new ArrayList<>();
    entities.values().forEach(all::addAll);
    return all;
  }

  static Builder named(String fileName, Format format, String title) {
    return new Builder(fileName, format, title);
  }

  /** Reads like the manifest: {@code named(...).set(11, 1.35f).with(PERSON, "...").build()}. */
  static final class Builder {
    private final String fileName;
    private final Format format;
    private final String title;
    private float fontSize = 12;
    private float lineSpacing = 1.35f;
    private final Map<EntityType, List<String>> entities = new EnumMap<>(EntityType.class);

    private Builder(String fileName, Format format, String title) {
      this.fileName = fileName;
      this.format = format;
      this.title = title;
    }

    Builder set(float fontSize, float lineSpacing) {
      this.fontSize = fontSize;
      this.lineSpacing = lineSpacing;
      return this;
    }

    Builder with(EntityType type, String... values) {
      entities.computeIfAbsent(type, t -> new ArrayList<>()).addAll(List.of(values));
      return this;
    }

    Sample build() {
      Map<EntityType, List<String>> copy = new EnumMap<>(EntityType.class);
      entities.forEach((type, values) -> copy.put(type, List.copyOf(values)));
      return new Sample(fileName, format, title, fontSize, lineSpacing, copy);
    }
  }
}
