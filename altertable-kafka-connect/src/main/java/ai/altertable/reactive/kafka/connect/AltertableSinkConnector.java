package ai.altertable.reactive.kafka.connect;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.sink.SinkConnector;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Kafka Connect sink connector that writes topics to Altertable tables through this library's batching engine
 * ({@link AltertableSinkTask}). Configured by {@link AltertableSinkConfig}; every task gets the same configuration and
 * Connect spreads the partitions over them. Delivery is at-least-once (effectively once per key with
 * {@code upsert.primary.key}).
 */
public final class AltertableSinkConnector extends SinkConnector {

    /** The connector's version, reported to Connect. */
    public static final String VERSION = "0.1.0-SNAPSHOT";

    private Map<String, String> props;

    @Override
    public void start(Map<String, String> props) {
        new AltertableSinkConfig(props); // fails the connector early on an invalid configuration
        this.props = Map.copyOf(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return AltertableSinkTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        List<Map<String, String>> configs = new ArrayList<>(maxTasks);
        for (int i = 0; i < maxTasks; i++) {
            configs.add(props);
        }
        return configs;
    }

    @Override
    public void stop() {
        // nothing held: the tasks own their clients
    }

    @Override
    public ConfigDef config() {
        return AltertableSinkConfig.CONFIG_DEF;
    }

    @Override
    public String version() {
        return VERSION;
    }
}
