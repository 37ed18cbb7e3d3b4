package ai.altertable.reactive.core;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BatchingOptionsTest {

    @Test
    void defaultsStayBelowTheRestBodyLimit() {
        BatchingOptions d = BatchingOptions.defaults();
        assertThat(d.maxBytes()).isLessThan(2 * 1024 * 1024);
        assertThat(d.maxRows()).isEqualTo(BatchingOptions.DEFAULT_MAX_ROWS);
        assertThat(d.linger()).isEqualTo(BatchingOptions.DEFAULT_LINGER);
        assertThat(d.maxInFlight()).isEqualTo(BatchingOptions.DEFAULT_MAX_IN_FLIGHT);
    }

    @Test
    void mutateKeepsOtherValues() {
        BatchingOptions o = BatchingOptions.defaults().mutate().maxRows(7).linger(Duration.ZERO).build();
        assertThat(o.maxRows()).isEqualTo(7);
        assertThat(o.linger()).isZero();
        assertThat(o.maxBytes()).isEqualTo(BatchingOptions.DEFAULT_MAX_BYTES);
        assertThat(o).isEqualTo(BatchingOptions.builder().maxRows(7).linger(Duration.ZERO).build());
    }

    @Test
    void invalidValuesFailAtBuild() {
        assertThatThrownBy(() -> BatchingOptions.builder().maxRows(0).build()).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("maxRows");
        assertThatThrownBy(() -> BatchingOptions.builder().maxBytes(10).build()).hasMessageContaining("maxBytes");
        assertThatThrownBy(() -> BatchingOptions.builder().linger(Duration.ofMillis(-1)).build()).hasMessageContaining("linger");
        assertThatThrownBy(() -> BatchingOptions.builder().maxInFlight(0).build()).hasMessageContaining("maxInFlight");
    }
}
