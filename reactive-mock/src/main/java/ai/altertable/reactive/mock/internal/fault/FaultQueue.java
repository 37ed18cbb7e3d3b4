package ai.altertable.reactive.mock.internal.fault;

import ai.altertable.reactive.mock.FaultPlan;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The fault plans waiting to be applied. Each plan applies to the next {@link FaultPlan#times()} requests to its
 * path, in the order added. Thread-safe.
 */
public final class FaultQueue {

    private final List<Pending> pending = new ArrayList<>();

    public void add(FaultPlan plan) {
        synchronized (pending) {
            pending.add(new Pending(plan, plan.times()));
        }
    }

    public void clear() {
        synchronized (pending) {
            pending.clear();
        }
    }

    /**
     * The plan for a request: the header's, if present (queued for {@code times - 1} further requests to the same
     * path), else the first queued plan that applies, whose remaining count then decreases. {@code null} if none.
     */
    public FaultPlan next(String path, FaultPlan fromHeader) {
        synchronized (pending) {
            if (fromHeader != null) {
                if (fromHeader.times() > 1) {
                    pending.add(new Pending(fromHeader.mutate().path(path).build(), fromHeader.times() - 1));
                }
                return fromHeader;
            }
            for (Iterator<Pending> it = pending.iterator(); it.hasNext(); ) {
                Pending p = it.next();
                if (p.plan.appliesTo(path)) {
                    if (--p.remaining == 0) {
                        it.remove();
                    }
                    return p.plan;
                }
            }
            return null;
        }
    }

    /**
     * The first queued plan whose path is exactly {@code path} (plans without a path are left for the HTTP routes),
     * whose remaining count then decreases; {@code null} if none. For the Flight side, which has no header.
     */
    public FaultPlan nextFor(String path) {
        synchronized (pending) {
            for (Iterator<Pending> it = pending.iterator(); it.hasNext(); ) {
                Pending p = it.next();
                if (path.equals(p.plan.path())) {
                    if (--p.remaining == 0) {
                        it.remove();
                    }
                    return p.plan;
                }
            }
            return null;
        }
    }

    private static final class Pending {
        final FaultPlan plan;
        int remaining;

        Pending(FaultPlan plan, int remaining) {
            this.plan = plan;
            this.remaining = remaining;
        }
    }
}
