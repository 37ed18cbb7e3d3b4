package ai.altertable.reactive.testsupport;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails tests when Netty reports a buffer leak. Registered automatically for every test of a module that depends on
 * test-support (JUnit extension autodetection is switched on by the parent POM).
 *
 * <p>After each test, reports that Netty already made (the GC ran on its own) fail that test. After each class, a
 * full collection is forced and any report fails the class: forcing a GC after every test would cost a noticeable
 * part of the build for the hundreds of tests that never touch a Netty buffer, and a leak still fails the build,
 * attributed to its class.
 */
public final class NettyLeakCheckExtension implements AfterEachCallback, AfterAllCallback {

    @Override
    public void afterEach(ExtensionContext context) {
        NettyLeakChecks.assertNoReportedLeaks();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        NettyLeakChecks.assertNoLeaks();
    }
}
