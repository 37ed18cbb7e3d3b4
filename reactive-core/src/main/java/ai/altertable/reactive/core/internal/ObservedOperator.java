package ai.altertable.reactive.core.internal;

import ai.altertable.reactive.core.observe.OperationObservation;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxOperator;
import reactor.core.publisher.Operators;
import reactor.util.context.Context;

import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * The one operator between an observed operation and its subscriber: it ends the observation exactly once (complete,
 * error, or the subscriber's cancel) and, for streams of rows, counts them without a call per row: the first row is
 * reported, then the count every {@value #REPORT_EVERY} rows and at the end. One operator instead of a chain of
 * {@code doOn*} peeks, because every operator is one more signal per row on the streaming path.
 */
final class ObservedOperator<T> extends FluxOperator<T, T> {

    /** How many rows are counted before they are reported. */
    static final int REPORT_EVERY = 4096;

    private final OperationObservation observation;
    private final boolean countRows;

    ObservedOperator(Flux<? extends T> source, OperationObservation observation, boolean countRows) {
        super(source);
        this.observation = observation;
        this.countRows = countRows;
    }

    @Override
    public void subscribe(CoreSubscriber<? super T> actual) {
        source.subscribe(new ObservedSubscriber<>(actual, observation, countRows));
    }

    static final class ObservedSubscriber<T> implements CoreSubscriber<T>, Subscription {

        private static final AtomicIntegerFieldUpdater<ObservedSubscriber> ENDED =
                AtomicIntegerFieldUpdater.newUpdater(ObservedSubscriber.class, "ended");

        private final CoreSubscriber<? super T> actual;
        private final OperationObservation observation;
        private final boolean countRows;
        private Subscription upstream;
        private long total;
        private long unreported;
        private volatile int ended;

        ObservedSubscriber(CoreSubscriber<? super T> actual, OperationObservation observation, boolean countRows) {
            this.actual = actual;
            this.observation = observation;
            this.countRows = countRows;
        }

        @Override
        public Context currentContext() {
            return actual.currentContext();
        }

        @Override
        public void onSubscribe(Subscription s) {
            if (Operators.validate(upstream, s)) {
                upstream = s;
                actual.onSubscribe(this);
            }
        }

        @Override
        public void onNext(T item) {
            if (countRows) {
                if (total++ == 0) {
                    observation.firstRow();
                }
                if (++unreported == REPORT_EVERY) {
                    flush();
                }
            }
            actual.onNext(item);
        }

        @Override
        public void onError(Throwable t) {
            if (end()) {
                observation.error(t);
            }
            actual.onError(t);
        }

        @Override
        public void onComplete() {
            if (end()) {
                observation.success();
            }
            actual.onComplete();
        }

        @Override
        public void request(long n) {
            upstream.request(n);
        }

        @Override
        public void cancel() {
            if (end()) {
                observation.cancelled();
            }
            upstream.cancel();
        }

        /** Reports the rows not reported yet, once; true for the first end only. */
        private boolean end() {
            if (!ENDED.compareAndSet(this, 0, 1)) {
                return false;
            }
            flush();
            return true;
        }

        private void flush() {
            if (unreported > 0) {
                observation.received(unreported, 0);
                unreported = 0;
            }
        }
    }
}
