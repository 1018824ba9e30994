package io.docfleet.tools.samples;

import io.docfleet.document.Entity;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks the entities found in a sample against what its catalog entry says is planted there. A
 * planted string is found when an entity of its type lies at one of the string's occurrences in the
 * document text and covers it, or covers all of it but a leading title or label ({@code Judge Maria
 * Alvarez} is found as {@code Maria Alvarez}, {@code Case No. 1:24-cv-08812} as the number).
 * Whitespace in a planted string matches any whitespace, since OCR may break a line differently.
 */
public final class PlantedEntities {
  private static final Pattern TITLE =
      Pattern.compile("^(?:Judge|Justice|Mr\\.|Ms\\.|Dr\\.|Case No\\.)\\s+");

  private PlantedEntities() {}

  /** One planted string that no entity covers. */
  public record Miss(String fileName, EntityType type, String planted, boolean inText) {
    @Override
    public String toString() {
      return fileName
          + ": "
          + type.entityType()
          + " '"
          + planted
          + "'"
          + (inText ? " (in the text, not found)" : " (not in the text: OCR misread it)");
    }
  }

  /** How many planted strings of each type were looked for and found, and the misses. */
  public record Recall(Map<EntityType, int[]> counts, List<Miss> misses) {
    public static Recall empty() {
      return new Recall(new EnumMap<>(EntityType.class), new ArrayList<>());
    }

    /** Found over planted, for one type. */
    public double of(EntityType type) {
      int[] c = counts.getOrDefault(type, new int[2]);
      return c[1] == 0 ? 1 : (double) c[0] / c[1];
    }

    /** Found over planted, all types together. */
    public double overall() {
      int found = counts.values().stream().mapToInt(c -> c[0]).sum();
      int planted = counts.values().stream().mapToInt(c -> c[1]).sum();
      return planted == 0 ? 1 : (double) found / planted;
    }

    /** The recall of every type and overall, one line each, for a report or a failure message. */
    public String report() {
      StringBuilder out = new StringBuilder();
      counts.forEach(
          (type, c) -> out.append(String.format("%-12s %2d/%2d%n", type.entityType(), c[0], c[1])));
      out.append(String.format("%-12s %.3f%n", "overall", overall()));
      misses.forEach(m -> out.append("missed ").append(m).append('\n'));
      return out.toString();
    }
  }

  /** Adds what {@code sample}'s document (its {@code text} and {@code entities}) holds. */
  public static void check(Sample sample, String text, List<Entity> entities, Recall into) {
    sample
        .entities()
        .forEach(
            (type, planted) -> {
              for (String value : planted) {
                int[] c = into.counts().computeIfAbsent(type, t -> new int[2]);
                c[1]++;
                List<int[]> places = occurrences(text, value);
                if (places.stream().anyMatch(p -> covered(type, p, text, entities))) {
                  c[0]++;
                } else {
                  into.misses().add(new Miss(sample.fileName(), type, value, !places.isEmpty()));
                }
              }
            });
  }

  private static boolean covered(EntityType type, int[] place, String text, List<Entity> found) {
    Matcher title = TITLE.matcher(text.substring(place[0], place[1]));
    int coreStart = place[0] + (title.find() ? title.end() : 0);
    return found.stream()
        .anyMatch(
            e ->
                e.type().equals(type.entityType())
                    && e.end() == place[1]
                    && (e.start() == place[0] || e.start() == coreStart));
  }

  private static List<int[]> occurrences(String text, String planted) {
    List<String> words = List.of(planted.split(" "));
    String regex = String.join("\\s+", words.stream().map(Pattern::quote).toList());
    Matcher m = Pattern.compile(regex).matcher(text);
    List<int[]> places = new ArrayList<>();
    while (m.find()) {
      places.add(new int[] {m.start(), m.end()});
    }
    return places;
  }
}
