package io.docfleet.worker.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class GroupCommitTest {
  /** A sender whose calls the test answers by hand. */
  private final List<List<Integer>> calls = new ArrayList<>();

  private final List<CompletableFuture<List<String>>> replies = new ArrayList<>();

  private CompletableFuture<List<String>> send(List<Integer> items) {
    calls.add(items);
    CompletableFuture<List<String>> reply = new CompletableFuture<>();
    replies.add(reply);
    return reply;
  }

  private static List<String> echo(List<Integer> items) {
    return items.stream().map(i -> "r" + i).toList();
  }

  @Test
  void anIdleGroupSendsTheFirstItemAtOnce() {
    GroupCommit<Integer, String> group = new GroupCommit<>(this::send, 10);

    CompletableFuture<String> result = group.submit(1);

    assertThat(calls).containsExactly(List.of(1));
    replies.get(0).complete(echo(calls.get(0)));
    assertThat(result).isCompletedWithValue("r1");
  }

  @Test
  void itemsHandedInDuringACallGoOutTogetherInTheNext() {
    GroupCommit<Integer, String> group = new GroupCommit<>(this::send, 10);
    group.submit(1);
    CompletableFuture<String> two = group.submit(2);
    CompletableFuture<String> three = group.submit(3);

    replies.get(0).complete(echo(calls.get(0)));

    assertThat(calls).containsExactly(List.of(1), List.of(2, 3));
    replies.get(1).complete(echo(calls.get(1)));
    assertThat(two).isCompletedWithValue("r2");
    assertThat(three).isCompletedWithValue("r3");
  }

  @Test
  void aCallCarriesAtMostMaxBatchItems() {
    GroupCommit<Integer, String> group = new GroupCommit<>(this::send, 2);
    for (int i = 1; i <= 5; i++) {
      group.submit(i);
    }

    replies.get(0).complete(echo(calls.get(0)));
    replies.get(1).complete(echo(calls.get(1)));

    assertThat(calls).containsExactly(List.of(1), List.of(2, 3), List.of(4, 5));
  }

  @Test
  void itemsThatAReplyHandsInJoinTheNextCall() {
    GroupCommit<Integer, String> group = new GroupCommit<>(this::send, 10);
    group.submit(1).thenRun(() -> group.submit(10));
    group.submit(2).thenRun(() -> group.submit(20));

    replies.get(0).complete(echo(calls.get(0)));
    replies.get(1).complete(echo(calls.get(1)));

    assertThat(calls).containsExactly(List.of(1), List.of(2, 10), List.of(20));
  }

  @Test
  void aFailedCallFailsEachItemInItAndTheNextCallStillGoes() {
    GroupCommit<Integer, String> group = new GroupCommit<>(this::send, 10);
    CompletableFuture<String> one = group.submit(1);
    CompletableFuture<String> two = group.submit(2);

    replies.get(0).completeExceptionally(new IllegalStateException("Redis went away"));

    assertThat(one).isCompletedExceptionally();
    assertThat(calls).containsExactly(List.of(1), List.of(2));
    replies.get(1).complete(echo(calls.get(1)));
    assertThat(two).isCompletedWithValue("r2");
  }

  @Test
  void aSenderThatThrowsFailsItsItemsInsteadOfStrandingThem() {
    GroupCommit<Integer, String> group =
        new GroupCommit<>(
            items -> {
              throw new IllegalStateException("no connection");
            },
            10);

    assertThat(group.submit(1)).isCompletedExceptionally();
    assertThat(group.submit(2)).isCompletedExceptionally();
  }

  @Test
  void aReplyWithTheWrongNumberOfResultsFailsEveryItemInsteadOfMisassigningThem() {
    GroupCommit<Integer, String> group = new GroupCommit<>(this::send, 10);
    CompletableFuture<String> one = group.submit(1);
    CompletableFuture<String> two = group.submit(2);
    CompletableFuture<String> three = group.submit(3);
    replies.get(0).complete(echo(calls.get(0)));

    replies.get(1).complete(List.of("r2"));

    assertThat(one).isCompletedWithValue("r1");
    assertThatThrownBy(two::join).hasMessageContaining("expected 2 results, got [r2]");
    assertThatThrownBy(three::join).hasMessageContaining("expected 2 results, got [r2]");
  }

  @Test
  void aGroupMustCarryAtLeastOneItemPerCall() {
    assertThatThrownBy(() -> new GroupCommit<>(this::send, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxBatch must be at least 1, got 0");
  }

  @Test
  void itemsHandedInDuringOneRunGoOutTogetherWhenItEnds() {
    GroupCommit<Integer, String> group = new GroupCommit<>(this::send, 10);

    DeferredSends.during(
        () -> {
          group.submit(1);
          group.submit(2);
          assertThat(calls).as("calls made during the run").isEmpty();
        });

    assertThat(calls).containsExactly(List.of(1, 2));
  }

  @Test
  void anInnerRunLeavesTheSendingToTheOutermost() {
    GroupCommit<Integer, String> first = new GroupCommit<>(this::send, 10);
    GroupCommit<Integer, String> second = new GroupCommit<>(this::send, 10);

    DeferredSends.during(
        () -> {
          DeferredSends.during(() -> first.submit(1));
          second.submit(2);
          first.submit(3);
          assertThat(calls).as("calls made during the run").isEmpty();
        });

    assertThat(calls).containsExactly(List.of(1, 3), List.of(2));
  }

  @Test
  void whatTheItemsOfAReplyHandInGoesOutInOneCallPerGroup() {
    GroupCommit<Integer, String> begins = new GroupCommit<>(this::send, 10);
    GroupCommit<Integer, String> completions = new GroupCommit<>(this::send, 10);
    for (int i = 1; i <= 3; i++) {
      int item = i;
      DeferredSends.during(() -> begins.submit(item).thenRun(() -> completions.submit(item * 10)));
    }
    for (int call = 0; call < calls.size(); call++) {
      replies.get(call).complete(echo(calls.get(call)));
    }

    assertThat(calls)
        .as("each reply's completions in one call, sent before the begins that waited")
        .containsExactly(List.of(1), List.of(10), List.of(2, 3), List.of(20, 30));
  }
}
