package com.example.modular;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.module.ModuleReader;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What a module of the library shows an application on the module path: a named (not automatic) module that exports
 * every package but its {@code internal} ones, whose internal classes can be neither reached by reflection nor
 * compiled against, while its exported ones can.
 */
final class ModuleVisibility {

    private final Module module;

    ModuleVisibility(String name) {
        this.module = ModuleLayer.boot().findModule(name)
                .orElseThrow(() -> new AssertionError(name + " is not in the boot layer"));
    }

    /** Fails unless this is an explicit module exporting exactly its non-internal packages to everyone. */
    void checkDescriptor() {
        check(!module.getDescriptor().isAutomatic(), module.getName() + " is an automatic module");
        List<String> exported = new ArrayList<>();
        for (String pkg : module.getPackages()) {
            boolean internal = pkg.contains(".internal");
            check(module.isExported(pkg) != internal, module.getName() + (internal ? " exports " : " hides ") + pkg);
            check(module.isExported(pkg, ModuleVisibility.class.getModule()) != internal,
                    module.getName() + (internal ? " exports " : " hides ") + pkg + " to the application");
            if (!internal) {
                exported.add(pkg);
            }
        }
        check(!exported.isEmpty(), module.getName() + " exports nothing");
        System.out.println(module.getName() + " exports " + exported.stream().sorted().toList());
    }

    /** Fails unless a public class of an internal package is out of reach for reflection. */
    void checkReflectionDenied() throws ClassNotFoundException {
        Class<?> internal = Class.forName(publicClassName(true), false, module.getClassLoader());
        try {
            MethodHandles.lookup().accessClass(internal);
            throw new AssertionError(internal + " is accessible from the application");
        } catch (IllegalAccessException expected) {
            System.out.println(internal.getName() + " denied: " + expected.getMessage());
        }
    }

    /** Fails unless javac accepts an exported class and refuses an internal one, on this JVM's module path. */
    void checkCompilation() throws IOException {
        String exported = publicClassName(false);
        List<String> accepted = compileProbe(exported);
        check(accepted.isEmpty(), "a probe using " + exported + " does not compile: " + accepted);
        String internal = publicClassName(true);
        List<String> refused = compileProbe(internal);
        check(refused.stream().anyMatch(message -> message.contains("is not visible")),
                "a probe using " + internal + " compiles, or fails for another reason: " + refused);
        System.out.println("javac refuses " + internal + ": " + refused.get(0).lines().findFirst().orElse(""));
    }

    /** The first public top-level class in an internal package ({@code true}) or in an exported one. */
    private String publicClassName(boolean internal) {
        try (ModuleReader reader = ModuleLayer.boot().configuration().findModule(module.getName())
                .orElseThrow().reference().open();
             Stream<String> resources = reader.list()) {
            List<String> candidates = resources
                    .filter(r -> r.endsWith(".class") && !r.contains("$") && !r.endsWith("module-info.class")
                            && !r.endsWith("package-info.class"))
                    .map(r -> r.substring(0, r.length() - ".class".length()).replace('/', '.'))
                    .filter(c -> c.contains(".internal.") == internal)
                    .sorted()
                    .collect(Collectors.toList());
            for (String candidate : candidates) {
                Class<?> type = Class.forName(candidate, false, module.getClassLoader());
                if (Modifier.isPublic(type.getModifiers())) {
                    return candidate;
                }
            }
            throw new AssertionError(module.getName() + " has no public class " + (internal ? "in" : "outside")
                    + " an internal package");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new AssertionError(e);
        }
    }

    /** Compiles a one-class module that requires this one and names {@code className}; returns javac's errors. */
    private List<String> compileProbe(String className) throws IOException {
        Path dir = Files.createTempDirectory("module-probe");
        Path sources = Files.createDirectories(dir.resolve("src/probe"));
        Files.writeString(dir.resolve("src/module-info.java"), "module probe { requires " + module.getName() + "; }");
        Files.writeString(sources.resolve("Probe.java"),
                "package probe; class Probe { Class<?> type = " + className + ".class; }");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
            Iterable<? extends JavaFileObject> units = files.getJavaFileObjects(
                    dir.resolve("src/module-info.java"), sources.resolve("Probe.java"));
            List<String> options = List.of("--module-path", System.getProperty("jdk.module.path"),
                    "-d", dir.resolve("out").toString(), "-proc:none");
            javac.getTask(null, files, diagnostics, options, null, units).call();
        }
        return diagnostics.getDiagnostics().stream()
                .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                .map(d -> d.getMessage(Locale.ROOT))
                .collect(Collectors.toList());
    }

    private static void check(boolean condition, String failure) {
        if (!condition) {
            throw new AssertionError(failure);
        }
    }
}
