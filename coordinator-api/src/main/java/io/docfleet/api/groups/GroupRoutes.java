package io.docfleet.api.groups;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.docfleet.api.auth.Caller;
import io.docfleet.api.context.ApiContext;
import io.docfleet.api.documents.CallbackCheck;
import io.docfleet.api.http.Access;
import io.docfleet.api.http.ApiException;
import io.docfleet.api.http.Route;
import io.docfleet.api.queues.GroupJson;
import io.docfleet.api.queues.KnownTypes;
import io.docfleet.queue.GroupConfig;
import io.docfleet.queue.GroupConfigs;
import io.docfleet.queue.GroupDepth;
import io.docfleet.queue.GroupDepths;
import io.docfleet.queue.GroupLimits;
import io.docfleet.spend.BudgetUse;
import io.docfleet.task.GroupNames;
import io.docfleet.webhook.WebhookSettings;
import io.javalin.http.Context;
import java.util.List;
import java.util.OptionalInt;

/**
 * {@code /api/v1/groups}: each type's groups (ready per lane, running, limit) and the limit every
 * group has; one group's settings ({@link GroupConfigs}) and where it has tasks; and an operator's
 * change of a group's settings, whose concurrency is set at once on every known type ({@link
 * GroupLimits}) and again by each worker that starts. Only a token without a name changes settings:
 * a named token is a tenant's.
 */
public final class GroupRoutes {
  private static final String BASE = "/api/v1/groups";
  static final String CONCURRENCY = "concurrency";

  private final ApiContext api;
  private final KnownTypes known;
  private final GroupDepths depths;
  private final GroupLimits limits;
  private final GroupConfigs configs;
  private final CallbackCheck callbacks;

  public GroupRoutes(ApiContext api, WebhookSettings webhooks) {
    this.api = api;
    this.known = new KnownTypes(api.fleet());
    this.depths = new GroupDepths(api.fleet());
    this.limits = new GroupLimits(api.fleet());
    this.configs = new GroupConfigs(api.fleet());
    this.callbacks = new CallbackCheck(webhooks);
  }

  public List<Route> routes() {
    return List.of(
        Route.get(BASE, Access.READ, this::list),
        Route.get(BASE + "/{group}", Access.READ, this::show),
        Route.put(BASE + "/{group}", this::change));
  }

  private void list(Context http) {
    ObjectNode answer = api.bodies().mapper().createObjectNode();
    ArrayNode types = answer.putArray("types");
    for (String type : known.all()) {
      ObjectNode entry = types.addObject();
      entry.put("type", type);
      Integer every = limits.read(type).get(GroupLimits.EVERY_GROUP);
      GroupJson.limit(
          entry, "everyGroupLimit", every == null ? OptionalInt.empty() : OptionalInt.of(every));
      GroupJson.addAll(entry.putArray("groups"), depths.of(type));
    }
    http.json(answer);
  }

  private void show(Context http) {
    String group = group(http);
    ObjectNode answer = config(group, configs.read(group));
    ArrayNode types = answer.putArray("types");
    for (String type : known.all()) {
      for (GroupDepth depth : depths.of(type)) {
        if (depth.group().equals(group)) {
          GroupJson.put(types.addObject().put("type", type), depth).remove("group");
        }
      }
    }
    http.json(answer);
  }

  private void change(Context http) {
    Caller.of(http).requireUnnamed("a group's settings");
    String group = group(http);
    JsonNode body = api.bodies().read(http);
    GroupConfig changed = configs.update(group, GroupChange.read(body, callbacks)::applyTo);
    ObjectNode answer = config(group, changed);
    ArrayNode types = answer.putArray("types");
    if (body.has(CONCURRENCY)) {
      for (String type : known.all()) {
        limits.set(type, group, changed.concurrency());
        types.add(type);
      }
    }
    http.json(answer);
  }

  private ObjectNode config(String group, GroupConfig config) {
    ObjectNode node = api.bodies().mapper().createObjectNode();
    node.put("group", group);
    GroupJson.limit(node, CONCURRENCY, config.concurrency());
    node.put(CallbackCheck.FIELD, config.callbackUrl().orElse(null));
    node.put(GroupConfigs.BUDGET_DAILY, config.budgets().daily().map(BudgetUse::usd).orElse(null));
    node.put(
        GroupConfigs.BUDGET_MONTHLY, config.budgets().monthly().map(BudgetUse::usd).orElse(null));
    return node;
  }

  private static String group(Context http) {
    String group = http.pathParam("group");
    if (!GroupNames.isValid(group)) {
      throw ApiException.badRequest("group", "'group' must be " + GroupNames.ACCEPTS);
    }
    return group;
  }
}
