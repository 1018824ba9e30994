package io.docfleet.api.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.List;

/**
 * The checks every body that changes settings passes before its fields are read ({@code PUT
 * /api/v1/groups/<group>}, {@code PUT /api/v1/spend/budgets}): a JSON object, of the settings'
 * fields only, naming at least one. A field left out keeps its value, so an empty body or a
 * misspelt field would change nothing silently: each is a 400 naming it.
 */
public final class SettingsBody {
  private SettingsBody() {}

  /**
   * @param whose what the settings are, for the message, such as {@code a group's settings}
   * @param fields the fields taken, in the order the message lists them
   * @param example what to send, for the message on an empty body
   * @throws ApiException a 400 naming {@code body} or the unknown field
   */
  public static void check(JsonNode body, String whose, List<String> fields, String example) {
    if (!body.isObject()) {
      throw ApiException.badRequest("body", "the body must be a JSON object");
    }
    for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!fields.contains(name)) {
        throw ApiException.badRequest(
            name, "unknown field '" + name + "': " + whose + " are " + listed(fields));
      }
    }
    if (body.isEmpty()) {
      throw ApiException.badRequest("body", "name what to change: " + example);
    }
  }

  private static String listed(List<String> fields) {
    int last = fields.size() - 1;
    return last == 0
        ? fields.get(0)
        : String.join(", ", fields.subList(0, last)) + " and " + fields.get(last);
  }
}
