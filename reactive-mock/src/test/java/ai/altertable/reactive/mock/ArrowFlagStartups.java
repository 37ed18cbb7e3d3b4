package ai.altertable.reactive.mock;

/**
 * Run by {@link ArrowFlagTest} in a JVM without {@code --add-opens=java.base/java.nio=ALL-UNNAMED}: starts a mock
 * without Flight (which must work), then one with Flight (which must be refused), and prints what happened.
 */
public final class ArrowFlagStartups {

    private ArrowFlagStartups() {
    }

    public static void main(String[] args) {
        try (AltertableMock rest = AltertableMock.builder().withoutFlight().start()) {
            System.out.println("without Flight: started at " + rest.baseUrl());
        }
        try (AltertableMock flight = AltertableMock.builder().start()) {
            System.out.println("with Flight: started at " + flight.flightUri());
        } catch (IllegalStateException e) {
            System.out.println("with Flight: refused: " + e.getMessage());
        }
    }
}
