import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;

/** CI smoke check of bin/altertable-mock without curl: one query, the answer must hold the row [42]. */
public class MockSmoke {
    public static void main(String[] args) throws Exception {
        String auth = "Basic " + Base64.getEncoder().encodeToString(args[1].getBytes());
        HttpRequest req = HttpRequest.newBuilder(URI.create(args[0] + "/query"))
                .header("Authorization", auth).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"statement\":\"SELECT 42 AS answer\"}")).build();
        String body = HttpClient.newHttpClient().send(req, HttpResponse.BodyHandlers.ofString()).body();
        if (!body.contains("\n[42]\n")) {
            System.err.println("unexpected answer: " + body);
            System.exit(1);
        }
        System.out.println("mock answered: ok");
    }
}
