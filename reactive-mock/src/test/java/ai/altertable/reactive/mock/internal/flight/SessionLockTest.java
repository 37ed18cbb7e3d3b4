package ai.altertable.reactive.mock.internal.flight;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SessionLockTest {

    @Test
    void waitersAreServedInOrderAndTheHolderHearsOfThem() {
        SessionLock lock = new SessionLock();
        assertThat(lock.acquire()).isCompleted();
        AtomicInteger contention = new AtomicInteger();
        lock.onContention(contention::incrementAndGet);
        CompletableFuture<Void> second = lock.acquire();
        CompletableFuture<Void> third = lock.acquire();
        assertThat(contention).hasValue(2);
        assertThat(second).isNotDone();
        lock.release();
        assertThat(second).isCompleted();
        assertThat(third).isNotDone();
        lock.acquire(); // the handler went with its holder
        assertThat(contention).hasValue(2);
        lock.release();
        assertThat(third).isCompleted();
    }

    @Test
    void aHandlerRegisteredWhileCallersWaitRunsAtOnce() {
        SessionLock lock = new SessionLock();
        lock.acquire();
        lock.acquire();
        AtomicInteger contention = new AtomicInteger();
        lock.onContention(contention::incrementAndGet);
        assertThat(contention).hasValue(1);
    }

    @Test
    void releasingAFreeLockIsABug() {
        assertThatThrownBy(() -> new SessionLock().release()).isInstanceOf(IllegalStateException.class);
    }
}
