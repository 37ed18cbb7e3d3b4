package ai.altertable.reactive.kafka.connect.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PartitionProgressTest {

    @Test
    void nothingIsCommittableBeforeTheFirstRecordIsDone() {
        PartitionProgress p = new PartitionProgress();
        p.received(10);
        assertThat(p.committable()).isEmpty();
    }

    @Test
    void commitsOnlyTheDonePrefixEvenWhenLaterBatchesAreAcknowledgedFirst() {
        PartitionProgress p = new PartitionProgress();
        PartitionProgress.Pending a = p.received(10);
        PartitionProgress.Pending b = p.received(11);
        PartitionProgress.Pending c = p.received(12);
        c.done();
        assertThat(p.committable()).isEmpty();
        a.done();
        assertThat(p.committable()).hasValue(11);
        b.done();
        assertThat(p.committable()).hasValue(13);
        assertThat(p.committable()).hasValue(13);
    }

    @Test
    void offsetGapsFromCompactionAreFollowed() {
        PartitionProgress p = new PartitionProgress();
        p.received(5).done();
        PartitionProgress.Pending late = p.received(9);
        assertThat(p.committable()).hasValue(6);
        late.done();
        assertThat(p.committable()).hasValue(10);
    }
}
