package io.docfleet.worker.runtime;

import static org.assertj.core.api.Assertions.assertThat;

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
    GroupCommit<Integer, String> group = new GroupCommit<>(this::send, 10, Runnable::run);

    CompletableFuture<String> result = group.submit(1);

    assertThat(calls).containsExactly(List.of(1));
    replies.get(0).complete(echo(calls.get(0)));
    assertThat(result).isCompletedWithValue("r1");
  }

  @Test
  void itemsHandedInDuringACallGoOutTogetherInTheNext() {
    GroupCommit<Integer, String> group = new GroupCommit<>(this::send, 10, Runnable::run);
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
    GroupCommit<Integer, String> group = new GroupCommit<>(this::send, 2, Runnable::run);
    for (int i = 1; i <= 5; i++) {
      group.submit(i);
    }

    replies.get(0).complete(echo(calls.get(0)));
    replies.get(1).complete(echo(calls.get(1)));

    assertThat(calls).containsExactly(List.of(1), List.of(2, 3), List.of(4, 5));
  }

  @Test
  void itemsThatAReplyHandsInJoinTheNextCall() {
    GroupCommit<Integer, String> group = new GroupCommit<>(this::send, 10, Runnable::run);
    group.submit(1).thenRun(() -> group.submit(10));
    group.submit(2).thenRun(() -> group.submit(20));

    replies.get(0).complete(echo(calls.get(0)));
    replies.get(1).complete(echo(calls.get(1)));

    assertThat(calls).containsExactly(List.of(1), List.of(2, 10), List.of(20));
  }

  @Test
  void aFailedCallFailsEachItemInItAndTheNextCallStillGoes() {
    GroupCommit<Integer, String> group = new GroupCommit<>(this::send, 10, Runnable::run);
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
            10,
            Runnable::run);

    assertThat(group.submit(1)).isCompletedExceptionally();
    assertThat(group.submit(2)).isCompletedExceptionally();
  }

  @Test
  void theFirstCallStartsOnTheKickoffExecutor() {
    List<Runnable> kickoffs = new ArrayList<>();
    GroupCommit<Integer, String> group = new GroupCommit<>(this::send, 10, kickoffs::add);
    group.submit(1);
    group.submit(2);

    assertThat(calls).isEmpty();
    kickoffs.forEach(Runnable::run);

    assertThat(kickoffs).hasSize(1);
    assertThat(calls).containsExactly(List.of(1, 2));
  }
}
