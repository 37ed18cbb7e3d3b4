package ai.altertable.reactive.testsupport;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test when Netty reported a buffer leak while it ran (or, since reports arrive after GC, just before it).
 * Registered automatically for every test of a module that depends on test-support (JUnit extension autodetection is
 * switched on by the parent POM), and checked again after each class for leaks freed by class-level servers.
 */
public final class NettyLeakCheckExtension implements AfterEachCallback, AfterAllCallback {

    @Override
    public void afterEach(ExtensionContext context) {
        NettyLeakChecks.assertNoLeaks();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        NettyLeakChecks.assertNoLeaks();
    }
}
