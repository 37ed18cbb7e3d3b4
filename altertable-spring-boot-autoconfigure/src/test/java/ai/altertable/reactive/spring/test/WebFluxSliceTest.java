package ai.altertable.reactive.spring.test;

import ai.altertable.reactive.rest.LakehouseClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * A {@code @WebFluxTest} slice, which auto-configures only the web layer, gets the auto-configured client pointed at
 * the mock through {@link AutoConfigureAltertableMock}.
 */
@WebFluxTest
@AutoConfigureAltertableMock(flight = false, seed = {"CREATE TABLE visits (page VARCHAR)",
        "INSERT INTO visits VALUES ('/'), ('/pricing')"})
class WebFluxSliceTest {

    @SpringBootConfiguration
    @Import(VisitsController.class)
    static class App {
    }

    @RestController
    static class VisitsController {
        private final LakehouseClient client;

        VisitsController(LakehouseClient client) {
            this.client = client;
        }

        @GetMapping("/visits")
        Mono<Long> visits() {
            return client.query("SELECT count(*) FROM visits").map(row -> row.getLong(0)).next();
        }
    }

    @Autowired
    WebTestClient web;

    @Test
    void theSlicesControllerQueriesTheMock() {
        web.get().uri("/visits").exchange().expectStatus().isOk().expectBody(Long.class).isEqualTo(2L);
    }
}
