package ai.altertable.reactive.mock.internal.pg;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What Postgres clients send besides plain SQL, made to run on DuckDB. DuckDB has much of {@code pg_catalog} (its
 * tables, {@code pg_table_is_visible}, {@code format_type}); what it lacks is filled in two ways, both table-driven:
 * <ul>
 *   <li>{@link #setup}: temporary macros and views created in each session's connection (so nothing shows in the
 *       user's database): the functions psql and the drivers call ({@code pg_get_userbyid}, ...), and a
 *       {@code pg_type} without DuckDB's entries that have no oid;</li>
 *   <li>{@link #rewrite}: rules applied to the text outside string literals and quoted names:
 *       {@code OPERATOR(pg_catalog.~)} becomes {@code ~}, {@code COLLATE pg_catalog.default} goes, a
 *       {@code pg_catalog.}-qualified function call loses its qualification (DuckDB looks a qualified name up in its
 *       own {@code pg_catalog} schema only, where the macros are not), as does a shadowed relation such as
 *       {@code pg_catalog.pg_type}; casts to Postgres-only types ({@code ::pg_catalog.regclass}, {@code ::name})
 *       become casts to DuckDB types.</li>
 * </ul>
 */
final class PgCatalog {

    /**
     * DuckDB's {@code pg_attribute.atttypid} (and its {@code format_type}) number types by DuckDB's own type ids, which
     * are not the oids of its {@code pg_type} rows nor Postgres's: DuckDB type id, Postgres oid, Postgres type name.
     */
    private static final int[][] TYPE_IDS = {
            {10, 16}, {11, 21}, {12, 21}, {13, 23}, {14, 20}, {15, 1082}, {16, 1083}, {17, 1114}, {18, 1114},
            {19, 1114}, {20, 1114}, {21, 1700}, {22, 700}, {23, 701}, {24, 1043}, {25, 1043}, {26, 17}, {27, 1186},
            {28, 21}, {29, 23}, {30, 20}, {31, 1700}, {32, 1184}, {34, 1266}, {50, 1700}, {51, 1700}, {54, 2950}};
    private static final String[][] TYPE_NAMES = {
            {"16", "boolean"}, {"17", "bytea"}, {"20", "bigint"}, {"21", "smallint"}, {"23", "integer"},
            {"700", "real"}, {"701", "double precision"}, {"1043", "character varying"}, {"1082", "date"},
            {"1083", "time without time zone"}, {"1114", "timestamp without time zone"},
            {"1184", "timestamp with time zone"}, {"1186", "interval"}, {"1266", "time with time zone"},
            {"1700", "numeric"}, {"2950", "uuid"}, {"25", "text"}};

    private static String typeIdToOid(String column) {
        StringBuilder b = new StringBuilder("CASE " + column);
        for (int[] t : TYPE_IDS) {
            b.append(" WHEN ").append(t[0]).append(" THEN ").append(t[1]);
        }
        return b.append(" ELSE 25 END").toString();
    }

    private static String formatType() {
        StringBuilder b = new StringBuilder("(t, m) AS CASE t");
        for (String[] n : TYPE_NAMES) {
            b.append(" WHEN ").append(n[0]).append(" THEN '").append(n[1]).append("'");
        }
        return b.append(" ELSE 'text' END").toString();
    }

    /** name, then one or more "(parameters) AS body" overloads: a temporary macro per session ({@code %USER%} is the session's user). */
    private static final List<String[]> MACROS = List.of(
            new String[] {"pg_get_userbyid", "(id) AS %USER%"},
            new String[] {"pg_encoding_to_char", "(e) AS 'UTF8'"},
            new String[] {"array_upper", "(a, d) AS len(a)"},
            new String[] {"array_lower", "(a, d) AS CASE WHEN len(a) > 0 THEN 1 END"},
            new String[] {"pg_get_indexdef", "(i, c := 0, p := false) AS NULL::VARCHAR"},
            new String[] {"pg_get_statisticsobjdef_columns", "(o) AS NULL::VARCHAR"},
            new String[] {"pg_relation_is_publishable", "(r) AS false"},
            new String[] {"pg_get_partkeydef", "(r) AS NULL::VARCHAR"},
            new String[] {"pg_get_function_result", "(f) AS NULL::VARCHAR"},
            new String[] {"pg_get_function_arguments", "(f) AS NULL::VARCHAR"},
            new String[] {"pg_get_expr", "(e, r) AS e::VARCHAR, (e, r, p) AS e::VARCHAR"},
            new String[] {"format_type", formatType()},
            new String[] {"_pg_expandarray", "(a) AS unnest(list_transform(range(1, len(a) + 1), lambda i: {'x': a[i], 'n': i}))"});

    /**
     * Catalog relations shadowed by a temporary view of the same name: name, the view's query. Besides the relations
     * DuckDB lacks (empty here) and columns it lacks, they correct what DuckDB numbers differently from Postgres:
     * type oids in {@code pg_attribute}, 0-based column numbers in {@code pg_constraint.conkey}, and its NOT NULL
     * constraints, which it marks {@code x} (an exclusion constraint to Postgres clients) and which become {@code n}.
     */
    private static final List<String[]> VIEWS = List.<String[]>of(
            new String[] {"pg_type", "SELECT * FROM pg_catalog.pg_type WHERE oid IS NOT NULL"},
            new String[] {"pg_roles", "SELECT 10::BIGINT AS oid, %USER% AS rolname, true AS rolsuper,"
                    + " true AS rolinherit, true AS rolcreaterole, true AS rolcreatedb, true AS rolcanlogin,"
                    + " false AS rolreplication, -1 AS rolconnlimit, NULL::TIMESTAMPTZ AS rolvaliduntil,"
                    + " false AS rolbypassrls, NULL::VARCHAR[] AS rolconfig"},
            new String[] {"pg_class", "SELECT *, false AS relforcerowsecurity FROM pg_catalog.pg_class"},
            new String[] {"pg_constraint", "SELECT * REPLACE (list_transform(conkey, lambda k: k + 1) AS conkey,"
                    + " list_transform(confkey, lambda k: k + 1) AS confkey, CASE WHEN contype = 'x' AND conname ="
                    + " 'NOT NULL' THEN 'n' ELSE contype END AS contype) FROM pg_catalog.pg_constraint"},
            new String[] {"pg_attribute", "SELECT * REPLACE (" + typeIdToOid("atttypid")
                    + " AS atttypid) FROM pg_catalog.pg_attribute"},
            new String[] {"pg_database", "SELECT *, 10::BIGINT AS datdba, 6 AS encoding, 'C' AS datcollate,"
                    + " 'C' AS datctype, NULL::VARCHAR AS daticulocale, 'c' AS datlocprovider, -1 AS datconnlimit,"
                    + " NULL::VARCHAR[] AS datacl FROM pg_catalog.pg_database"},
            new String[] {"pg_policy", "SELECT NULL::BIGINT AS oid, NULL::VARCHAR AS polname, NULL::BIGINT AS polrelid,"
                    + " NULL::VARCHAR AS polcmd, NULL::BOOLEAN AS polpermissive, NULL::BIGINT[] AS polroles,"
                    + " NULL::VARCHAR AS polqual, NULL::VARCHAR AS polwithcheck WHERE false"},
            new String[] {"pg_statistic_ext", "SELECT NULL::BIGINT AS oid, NULL::BIGINT AS stxrelid,"
                    + " NULL::VARCHAR AS stxname, NULL::BIGINT AS stxnamespace, NULL::BIGINT AS stxowner,"
                    + " NULL::INTEGER AS stxstattarget, NULL::SMALLINT[] AS stxkeys, NULL::VARCHAR[] AS stxkind,"
                    + " NULL::VARCHAR AS stxexprs WHERE false"},
            new String[] {"pg_publication", "SELECT NULL::BIGINT AS oid, NULL::VARCHAR AS pubname,"
                    + " NULL::BOOLEAN AS puballtables, NULL::BOOLEAN AS pubinsert, NULL::BOOLEAN AS pubupdate,"
                    + " NULL::BOOLEAN AS pubdelete, NULL::BOOLEAN AS pubtruncate, NULL::BOOLEAN AS pubviaroot WHERE false"},
            new String[] {"pg_publication_rel", "SELECT NULL::BIGINT AS oid, NULL::BIGINT AS prpubid,"
                    + " NULL::BIGINT AS prrelid, NULL::VARCHAR AS prqual, NULL::SMALLINT[] AS prattrs WHERE false"},
            new String[] {"pg_publication_namespace", "SELECT NULL::BIGINT AS oid, NULL::BIGINT AS pnpubid,"
                    + " NULL::BIGINT AS pnnspid WHERE false"},
            new String[] {"pg_inherits", "SELECT NULL::BIGINT AS inhrelid, NULL::BIGINT AS inhparent,"
                    + " NULL::INTEGER AS inhseqno, NULL::BOOLEAN AS inhdetachpending WHERE false"},
            new String[] {"pg_trigger", "SELECT NULL::BIGINT AS oid, NULL::BIGINT AS tgrelid, NULL::BIGINT AS tgparentid,"
                    + " NULL::VARCHAR AS tgname, NULL::VARCHAR AS tgenabled, NULL::BOOLEAN AS tgisinternal WHERE false"});

    /** A Postgres-only cast target (qualified or not), compiled once, and the replacement cast to its DuckDB type. */
    private record Cast(Pattern target, String replacement) {

        static Cast of(String names, String duckDbType) {
            return new Cast(Pattern.compile("(?i)::\\s*(pg_catalog\\s*\\.\\s*)?(" + names + ")\\b"),
                    "::" + duckDbType);
        }
    }

    private static final List<Cast> CASTS = List.of(
            Cast.of("regclass|regtype|regproc|regprocedure|regnamespace|regrole|oid", "BIGINT"),
            Cast.of("text|name|bpchar|char|varchar", "VARCHAR"),
            Cast.of("int2", "SMALLINT"), Cast.of("int4", "INTEGER"), Cast.of("int8", "BIGINT"),
            Cast.of("float4", "FLOAT"), Cast.of("float8", "DOUBLE"), Cast.of("bool", "BOOLEAN"));

    /** {@code 'name'::regclass}: the oid of the relation of that name (Postgres resolves the name in the cast). */
    private static final Pattern REGCLASS_LITERAL = Pattern.compile(
            "(?i)'((?:[^']|'')*)'\\s*::\\s*(?:pg_catalog\\s*\\.\\s*)?regclass\\b");
    private static final Pattern OPERATOR = Pattern.compile("(?i)OPERATOR\\s*\\(\\s*pg_catalog\\s*\\.\\s*([^\\s)]+)\\s*\\)");
    private static final Pattern COLLATE = Pattern.compile("(?i)\\s+COLLATE\\s+pg_catalog\\s*\\.\\s*(\"?default\"?|\"C\")");
    /** A qualified call (any function: DuckDB finds its own pg_catalog functions unqualified too) or shadowed view. */
    private static final Pattern QUALIFIED = Pattern.compile(
            "(?i)\\b(?:pg_catalog|information_schema)\\s*\\.\\s*((?:" + names() + ")\\b|\\w+(?=\\s*\\())");

    private PgCatalog() {
    }

    private static String names() {
        StringBuilder b = new StringBuilder();
        VIEWS.forEach(v -> b.append(b.length() == 0 ? "" : "|").append(v[0]));
        return b.toString();
    }

    /** The statements that create this session's macros and views, for {@code user}. */
    static List<String> setup(String user) {
        String userLiteral = "'" + user.replace("'", "''") + "'";
        List<String> out = new java.util.ArrayList<>();
        for (String[] m : MACROS) {
            out.add("CREATE OR REPLACE TEMP MACRO " + m[0] + m[1].replace("%USER%", userLiteral));
        }
        for (String[] v : VIEWS) {
            out.add("CREATE OR REPLACE TEMP VIEW " + v[0] + " AS " + v[1].replace("%USER%", userLiteral));
        }
        return out;
    }

    /** {@code sql} with the rules of the class description applied outside quotes; unchanged if none applies. */
    static String rewrite(String sql) {
        String lower = sql.toLowerCase(Locale.ROOT);
        if (!lower.contains("pg_catalog") && !lower.contains("::reg") && !lower.contains("information_schema._")) {
            return sql;
        }
        sql = REGCLASS_LITERAL.matcher(sql).replaceAll(m -> Matcher.quoteReplacement(
                "(SELECT oid FROM pg_catalog.pg_class WHERE relname = '" + m.group(1) + "' LIMIT 1)"));
        StringBuilder out = new StringBuilder(sql.length());
        int i = 0;
        int plainFrom = 0;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"') {
                out.append(rules(sql.substring(plainFrom, i)));
                int end = Statements.closing(sql, i + 1, c);
                out.append(sql, i, end);
                i = end;
                plainFrom = end;
            } else {
                i++;
            }
        }
        return out.append(rules(sql.substring(plainFrom))).toString();
    }

    private static String rules(String plain) {
        String s = OPERATOR.matcher(plain).replaceAll(m -> Matcher.quoteReplacement(m.group(1)));
        s = COLLATE.matcher(s).replaceAll("");
        for (Cast cast : CASTS) {
            s = cast.target().matcher(s).replaceAll(cast.replacement());
        }
        return QUALIFIED.matcher(s).replaceAll(m -> Matcher.quoteReplacement(m.group(1)));
    }

}
