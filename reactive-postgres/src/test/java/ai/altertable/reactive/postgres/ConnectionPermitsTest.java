package ai.altertable.reactive.postgres;

import ai.altertable.reactive.postgres.internal.ConnectionPermits;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.test.StepVerifier;

import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class ConnectionPermitsTest {

    @Test
    void grantsUpToMaxThenInArrivalOrder() {
        ConnectionPermits permits = new ConnectionPermits(2);
        StepVerifier.create(permits.acquire()).expectNext(true).verifyComplete();
        StepVerifier.create(permits.acquire()).expectNext(true).verifyComplete();
        AtomicInteger order = new AtomicInteger();
        AtomicInteger first = new AtomicInteger();
        AtomicInteger second = new AtomicInteger();
        permits.acquire().subscribe(p -> first.set(order.incrementAndGet()));
        permits.acquire().subscribe(p -> second.set(order.incrementAndGet()));
        assertThat(order).hasValue(0);
        permits.release();
        assertThat(first).hasValue(1);
        assertThat(second).hasValue(0);
        permits.release();
        assertThat(second).hasValue(2);
        assertThat(permits.inUse()).isEqualTo(2);
    }

    @Test
    void aCancelledWaiterGivesUpItsPlace() {
        ConnectionPermits permits = new ConnectionPermits(1);
        StepVerifier.create(permits.acquire()).expectNext(true).verifyComplete();
        AtomicInteger granted = new AtomicInteger();
        Disposable waiting = permits.acquire().subscribe(p -> granted.incrementAndGet());
        waiting.dispose();
        permits.release();
        assertThat(granted).hasValue(0);
        assertThat(permits.inUse()).isZero();
        StepVerifier.create(permits.acquire()).expectNext(true).verifyComplete();
    }
}
