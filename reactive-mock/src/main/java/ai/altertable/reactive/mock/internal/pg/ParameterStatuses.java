package ai.altertable.reactive.mock.internal.pg;

import io.netty.buffer.ByteBuf;

import java.util.LinkedHashMap;
import java.util.Map;

/** The ParameterStatus messages sent after authentication: what clients check before they go on. */
final class ParameterStatuses {

    static final String SERVER_VERSION = "16.0";

    private ParameterStatuses() {
    }

    static void write(ByteBuf out, PgSession.StartupPacket startup) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("server_version", SERVER_VERSION);
        p.put("server_encoding", "UTF8");
        p.put("client_encoding", "UTF8");
        p.put("DateStyle", "ISO, MDY");
        p.put("TimeZone", "UTC");
        p.put("IntervalStyle", "postgres");
        p.put("integer_datetimes", "on");
        p.put("standard_conforming_strings", "on");
        p.put("is_superuser", "off");
        p.put("session_authorization", startup.user());
        p.put("application_name", startup.parameters().getOrDefault("application_name", ""));
        p.put("default_transaction_read_only", "off");
        p.put("in_hot_standby", "off");
        p.forEach((name, value) -> Backend.parameterStatus(out, name, value));
    }
}
