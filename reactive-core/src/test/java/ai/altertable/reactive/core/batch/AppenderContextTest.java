package ai.altertable.reactive.core.batch;

import ai.altertable.reactive.core.BatchingOptions;
import ai.altertable.reactive.core.Operation;
import ai.altertable.reactive.core.RetryPolicy;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import reactor.util.context.Context;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which Reactor {@code Context} a shared appender's write sees: a batch carries the items of many callers, so its write
 * runs in the appender's own context (empty), never in one caller's; each caller's own {@code Mono} keeps its context.
 */
class AppenderContextTest {

    @Test
    void aSharedBatchIsWrittenInTheAppendersOwnContextAndEachCallerKeepsItsOwn() {
        List<String> writesSaw = new CopyOnWriteArrayList<>();
        CoalescingAppender<Integer, Integer> appender = CoalescingAppender.create(i -> 8,
                BatchingOptions.builder().maxRows(3).linger(Duration.ofMinutes(1)).build(), RetryPolicy.none(),
                Operation.APPEND, batch -> Mono.deferContextual(ctx -> {
                    writesSaw.add(ctx.getOrDefault("caller", "none"));
                    return Mono.just(batch.rows());
                }), 10, CoalescingAppender.Overflow.WAIT);

        Flux<String> answers = Flux.range(0, 3).flatMap(i -> appender.append(i)
                .flatMap(rows -> Mono.deferContextual(ctx -> Mono.just(ctx.get("caller") + ":" + rows)))
                .contextWrite(Context.of("caller", "c" + i)));

        StepVerifier.create(answers.collectList())
                .assertNext(list -> assertThat(list).containsExactlyInAnyOrder("c0:3", "c1:3", "c2:3"))
                .expectComplete().verify(Duration.ofSeconds(30));
        assertThat(writesSaw).containsExactly("none");
        StepVerifier.create(appender.closeGracefully()).expectComplete().verify(Duration.ofSeconds(30));
    }
}
