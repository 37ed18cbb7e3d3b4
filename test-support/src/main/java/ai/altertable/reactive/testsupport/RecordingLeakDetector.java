package ai.altertable.reactive.testsupport;

import io.netty.util.ResourceLeakDetector;

/**
 * A Netty leak detector that, besides logging, records every leak report so that {@link NettyLeakChecks} can fail the
 * test that caused it. Installed through {@code -Dio.netty.customResourceLeakDetector} in the build's test JVM flags,
 * together with {@code -Dio.netty.leakDetection.level=paranoid} so that every buffer is tracked. One narrowly matched
 * upstream leak is counted instead of recorded: see {@link KnownUpstreamLeaks}.
 */
public class RecordingLeakDetector<T> extends ResourceLeakDetector<T> {

    public RecordingLeakDetector(Class<?> resourceType, int samplingInterval) {
        super(resourceType, samplingInterval);
        NettyLeakChecks.detectorInstalled();
    }

    public RecordingLeakDetector(Class<?> resourceType, int samplingInterval, long maxActive) {
        this(resourceType, samplingInterval);
    }

    /** Always report, even when the error log level is off. */
    @Override
    protected boolean needReport() {
        return true;
    }

    @Override
    protected void reportTracedLeak(String resourceType, String records) {
        if (KnownUpstreamLeaks.isGrpcServerInboundFrame(records)) {
            KnownUpstreamLeaks.tolerate(resourceType);
            return;
        }
        NettyLeakChecks.record("LEAK: " + resourceType + ".release() was not called before it was garbage-collected."
                + records);
        super.reportTracedLeak(resourceType, records);
    }

    @Override
    protected void reportUntracedLeak(String resourceType) {
        NettyLeakChecks.record("LEAK: " + resourceType + ".release() was not called before it was garbage-collected"
                + " (no access records)");
        super.reportUntracedLeak(resourceType);
    }
}
