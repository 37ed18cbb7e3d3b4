package ai.altertable.reactive.kafka.connect;

import ai.altertable.reactive.mock.AltertableMock;
import ai.altertable.reactive.rest.LakehouseClient;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.connector.Connector;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.runtime.isolation.LoaderSwap;
import org.apache.kafka.connect.runtime.isolation.PluginClassLoader;
import org.apache.kafka.connect.runtime.isolation.PluginDesc;
import org.apache.kafka.connect.runtime.isolation.Plugins;
import org.apache.kafka.connect.sink.SinkConnector;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The plugin archive that {@code mvn package} builds, installed as a worker installs it: unzipped into a directory on
 * {@code plugin.path} and found by Kafka Connect's own plugin scanning ({@link Plugins}, with
 * {@code plugin.discovery=service_load}, as the README's worker configuration says). The connector must come from
 * the plugin's isolated class loader, not from this test's class path (which holds the same classes), be listed with
 * its version, and its task, made from that loader, must write records to the mock with only the archive's jars
 * behind it. Runs in the {@code integration-test} phase (a second Surefire execution in this module's POM), after
 * {@code package} has built the archive.
 */
class PluginArchiveIT {

    private static final String CONNECTOR = AltertableSinkConnector.class.getName();

    @TempDir
    Path pluginPath;

    @Test
    void theArchiveLoadsFromPluginPathInItsOwnClassLoaderAndItsTaskWrites() throws Exception {
        unzip(archive(), pluginPath);
        Plugins plugins = new Plugins(Map.of("plugin.path", pluginPath.toString(),
                "plugin.discovery", "service_load"));

        List<PluginDesc<SinkConnector>> found = plugins.sinkConnectors().stream()
                .filter(d -> d.className().equals(CONNECTOR)).collect(Collectors.toList());
        // two: the archive's, and this test's own class path (Kafka scans the class path as well; a worker's class
        // path holds no connector)
        assertThat(found).hasSize(2);
        PluginDesc<SinkConnector> fromClassPath = found.stream().filter(d -> d.location().equals("classpath"))
                .findFirst().orElseThrow();
        assertThat(fromClassPath.pluginClass()).isSameAs(AltertableSinkConnector.class);
        PluginDesc<SinkConnector> desc = found.stream().filter(d -> d != fromClassPath).findFirst().orElseThrow();
        assertThat(desc.loader()).isInstanceOf(PluginClassLoader.class);
        assertThat(Path.of(URI.create(desc.location()))).startsWithRaw(pluginPath.resolve("altertable-kafka-connect"));
        assertThat(desc.version()).isEqualTo(AltertableSinkConnector.VERSION);
        assertThat(desc.pluginClass()).isNotSameAs(AltertableSinkConnector.class);
        assertThat(desc.pluginClass().getClassLoader()).isSameAs(desc.loader());
        // what the connector runs on comes from the archive too, not from the parent (here the test's class path,
        // which holds them all; a worker's holds none of them)
        for (String name : List.of("ai.altertable.reactive.rest.LakehouseClient",
                "ai.altertable.reactive.core.batch.CoalescingAppender", "reactor.core.publisher.Flux",
                "reactor.netty.http.client.HttpClient", "io.netty.channel.Channel",
                "com.fasterxml.jackson.databind.ObjectMapper",
                "com.fasterxml.jackson.datatype.jsr310.JavaTimeModule")) {
            assertThat(Class.forName(name, false, desc.loader()).getClassLoader()).as(name).isSameAs(desc.loader());
        }

        try (AltertableMock mock = AltertableMock.builder().user("alice", "secret").withoutFlight().withoutPostgres()
                .start();
             LakehouseClient client = LakehouseClient.create(mock.baseUrl(), mock.credentials());
             LoaderSwap swap = plugins.withClassLoader(desc.loader())) {
            client.query("CREATE TABLE memory.main.events (id BIGINT, part INTEGER)").blockLast();
            Connector connector = desc.pluginClass().getDeclaredConstructor().newInstance();
            assertThat(connector.version()).isEqualTo(AltertableSinkConnector.VERSION);
            Class<? extends Task> taskClass = connector.taskClass();
            assertThat(taskClass.getName()).isEqualTo(AltertableSinkTask.class.getName());
            assertThat(taskClass).isNotSameAs(AltertableSinkTask.class);
            assertThat(taskClass.getClassLoader()).isSameAs(desc.loader());
            connector.start(props(mock));
            List<Map<String, String>> configs = connector.taskConfigs(1);
            SinkTask task = (SinkTask) plugins.newTask(taskClass);
            try {
                writeThrough(task, configs.get(0));
            } finally {
                task.stop();
                connector.stop();
            }
            assertThat(client.query("SELECT count(*), sum(id)::BIGINT FROM memory.main.events")
                    .map(r -> List.of(r.getLong(0), r.getLong(1))).blockLast()).containsExactly(10L, 45L);
        }
    }

    /** Ten records through the task, until preCommit says all ten are acknowledged. */
    private static void writeThrough(SinkTask task, Map<String, String> config) {
        TopicPartition p0 = new TopicPartition("events", 0);
        task.initialize(new RecordingTaskContext(Set.of(p0), false));
        task.start(config);
        task.open(Set.of(p0));
        List<SinkRecord> records = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            records.add(new SinkRecord("events", 0, null, null, null, Map.of("id", (long) i, "part", 0), i));
        }
        task.put(records);
        await().atMost(Duration.ofMinutes(1)).until(() -> {
            task.put(List.of());
            return task.preCommit(Map.of()).equals(Map.of(p0, new OffsetAndMetadata(10)));
        });
    }

    private static Map<String, String> props(AltertableMock mock) {
        Map<String, String> props = new HashMap<>();
        props.put(AltertableSinkConfig.ENDPOINT, mock.baseUrl().toString());
        props.put(AltertableSinkConfig.USERNAME, "alice");
        props.put(AltertableSinkConfig.PASSWORD, "secret");
        props.put(AltertableSinkConfig.CATALOG, "memory");
        props.put(AltertableSinkConfig.BATCH_LINGER_MS, "10");
        return props;
    }

    /** The archive {@code package} built: {@code target/<artifactId>-<version>-plugin.zip}. */
    private static Path archive() throws IOException {
        Path target = Path.of(System.getProperty("basedir", "."), "target");
        List<Path> zips = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(target, "altertable-kafka-connect-*-plugin.zip")) {
            s.forEach(zips::add);
        }
        assertThat(zips).as("the plugin archive in %s (built by mvn package)", target).hasSize(1);
        return zips.get(0);
    }

    private static void unzip(Path zip, Path into) throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                Path out = into.resolve(e.getName()).normalize();
                if (!out.startsWith(into)) {
                    throw new IOException("entry outside the directory: " + e.getName());
                }
                if (e.isDirectory()) {
                    Files.createDirectories(out);
                } else {
                    Files.createDirectories(out.getParent());
                    Files.copy(in, out);
                }
            }
        }
    }
}
