package io.docfleet.api.auth;

import io.docfleet.api.http.ApiException;
import io.docfleet.task.GroupNames;
import io.javalin.http.Context;
import java.util.Optional;

/**
 * Who sent a request, as far as its token tells: the token's name when it has one ({@link
 * ApiToken}). {@link AuthGuard} puts it on each request it checks a token for; a route without a
 * token check has an anonymous caller.
 */
public record Caller(Optional<String> name) {
  static final String ATTRIBUTE = "docfleet.caller";
  static final Caller ANONYMOUS = new Caller(Optional.empty());

  /** The caller of {@code http}. */
  public static Caller of(Context http) {
    Caller caller = http.attribute(ATTRIBUTE);
    return caller == null ? ANONYMOUS : caller;
  }

  /**
   * The group what this caller submits goes into, given the group the request names ({@code asked},
   * checked against {@link GroupNames}, else 400 naming {@code field}): a named token's callers
   * submit in the group of its name, and naming another is refused with 403; other callers submit
   * in the group they name, or none.
   */
  public Optional<String> groupFor(Optional<String> asked, String field) {
    asked.ifPresent(
        group -> {
          if (!GroupNames.isValid(group)) {
            throw ApiException.badRequest(field, "'" + field + "' must be " + GroupNames.ACCEPTS);
          }
        });
    if (name.isEmpty()) {
      return asked;
    }
    if (asked.isPresent() && !asked.get().equals(name.get())) {
      throw new ApiException(
          403,
          "this token submits in group '"
              + name.get()
              + "' only; leave '"
              + field
              + "' out or name '"
              + name.get()
              + "'",
          field);
    }
    return name;
  }

  /**
   * Refuses a named token (a tenant's) with 403: it submits as its group, and the fleet's settings
   * ({@code what}, such as {@code a group's settings}) are changed with a token without a name.
   */
  public void requireUnnamed(String what) {
    if (name.isPresent()) {
      throw new ApiException(
          403,
          "a named token submits as its group; "
              + what
              + " are changed with a token without a name",
          "Authorization");
    }
  }
}
