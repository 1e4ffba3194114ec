package dev.migrations.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Starts the service on a random port over its migrated H2 database and uses the orders API. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SampleApplicationTests {
    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void ordersAreServedFromTheMigratedDatabase() throws Exception {
        URI orders = URI.create("http://localhost:" + port + "/orders");

        HttpResponse<String> empty = send(HttpRequest.newBuilder(orders).GET());
        assertThat(empty.statusCode()).isEqualTo(200);
        assertThat(empty.body()).isEqualTo("[]");

        HttpResponse<String> created = send(HttpRequest.newBuilder(orders)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"customer\":\"ada\",\"totalCents\":1250}")));
        assertThat(created.statusCode()).isEqualTo(201);
        // total_cents comes from the second revision, status and created_at from the first.
        assertThat(created.body()).contains("\"customer\":\"ada\"", "\"status\":\"PENDING\"", "\"totalCents\":1250");

        HttpResponse<String> listed = send(HttpRequest.newBuilder(orders).GET());
        assertThat(listed.body()).contains("\"customer\":\"ada\"");
    }
}
