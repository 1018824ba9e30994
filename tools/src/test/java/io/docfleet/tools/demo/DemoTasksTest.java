package io.docfleet.tools.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.docfleet.task.Task;
import org.junit.jupiter.api.Test;

class DemoTasksTest {

  @Test
  void spreadsTheFailingTasksThroughTheQueueHalfRetryingHalfPermanent() {
    DemoTasks tasks = DemoTasks.of(3000, 5);

    assertThat(tasks.total()).isEqualTo(3000);
    assertThat(tasks.retrying()).hasSize(5);
    assertThat(tasks.permanent()).hasSize(5).doesNotContainAnyElementsOf(tasks.retrying());
    assertThat(tasks.expectedCompleted()).isEqualTo(2990);
    assertThat(tasks.retrying()).contains("task-0273");
    assertThat(tasks.permanent()).contains("task-0546");
  }

  @Test
  void sleepsOneToFiveMillisecondsAndMarksOnlyTheFailingOnes() {
    DemoTasks tasks = DemoTasks.of(20, 1);

    for (Task task : tasks.tasks()) {
      assertThat(task.type()).isEqualTo("sleep");
      assertThat(task.payload().path("ms").asInt()).isBetween(1, 5);
      String fail = task.payload().path("fail").asText("");
      if (tasks.retrying().contains(task.id())) {
        assertThat(fail).isEqualTo("retry");
      } else if (tasks.permanent().contains(task.id())) {
        assertThat(fail).isEqualTo("permanent");
      } else {
        assertThat(fail).isEmpty();
      }
    }
  }

  @Test
  void keepsEveryFailingTaskDistinctEvenWhenAllFail() {
    DemoTasks tasks = DemoTasks.of(4, 2);

    assertThat(tasks.expectedDead()).isEqualTo(4);
    assertThat(tasks.expectedCompleted()).isZero();
  }
}
