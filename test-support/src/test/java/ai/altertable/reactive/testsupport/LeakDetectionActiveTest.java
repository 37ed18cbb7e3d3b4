package ai.altertable.reactive.testsupport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Proves the leak check is live: a buffer dropped without release is reported, and the check fails a test for it.
 * If this test fails, no other test in the build proves anything about buffer leaks.
 */
class LeakDetectionActiveTest {

    @Test
    void recordingDetectorIsInstalledAtParanoidLevel() {
        assertThat(NettyLeakChecks.isInstalled()).isTrue();
    }

    @Test
    void aDroppedBufferIsReportedAndFailsTheCheck() {
        NettyLeakChecks.assertNoLeaks(); // nothing pending from earlier tests
        leakOneBuffer();
        assertThatThrownBy(NettyLeakChecks::assertNoLeaks)
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("leak")
                .hasMessageContaining("leakOneBuffer");
        assertThat(NettyLeakChecks.drain()).as("the failing check consumed the report").isEmpty();
    }

    @Test
    void releasedBuffersAreNotReported() {
        for (int i = 0; i < 100; i++) {
            ByteBuf buf = PooledByteBufAllocator.DEFAULT.directBuffer(64);
            buf.writeLong(i);
            buf.release();
        }
        NettyLeakChecks.collect();
        List<String> leaks = NettyLeakChecks.drain();
        assertThat(leaks).isEmpty();
    }

    private static void leakOneBuffer() {
        ByteBuf buf = PooledByteBufAllocator.DEFAULT.directBuffer(128);
        buf.writeInt(42);
        buf.readInt(); // an access record, so the report carries this method's frame
        // dropped without release()
    }
}
