package ai.altertable.reactive.testsupport;

import io.netty.buffer.PooledByteBufAllocator;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.container;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

/**
 * Runs a test that leaks a buffer through the JUnit engine, with the same extension autodetection the build uses, and
 * checks that its class is reported as failed because of the leak (the forced collection runs after each class). The leaking class is nested, so Surefire does not run
 * it directly.
 */
class LeakCheckFailsTestsTest {

    @Test
    void aLeakingTestFails() {
        EngineTestKit.engine("junit-jupiter")
                .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "true")
                .selectors(selectClass(LeakingFixture.class))
                .execute()
                .containerEvents()
                .assertThatEvents()
                .haveExactly(1, event(container(LeakingFixture.class),
                        finishedWithFailure(instanceOf(AssertionError.class), message(m -> m.contains("leak")))));
        NettyLeakChecks.drain();
    }

    static class LeakingFixture {
        @Test
        void leaksABuffer() {
            PooledByteBufAllocator.DEFAULT.directBuffer(16).writeLong(7L); // never released
        }
    }
}
