package dev.scriptexecuter.python.control;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;

/** The process limit's fallback (RLIMIT_NPROC) counts the tasks the server's user already has. */
class RunConfinementTest {

    @Test
    void userTasksCountTheThreadsOfThisJvm() throws Exception {
        long before = ProcessLimits.userTasks();
        assertThat(before).isGreaterThanOrEqualTo(Thread.activeCount());

        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(20);
        for (int i = 0; i < 20; i++) {
            Thread.ofPlatform().daemon().start(() -> {
                started.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        started.await();
        try {
            assertThat(ProcessLimits.userTasks()).isGreaterThanOrEqualTo(before + 20 - 5);
        } finally {
            release.countDown();
        }
    }
}
