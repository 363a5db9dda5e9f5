package io.fupan.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The API's compatibility check: within a major version only additions are allowed. The public
 * surface (types, their supertypes, public and protected members) of this build is compared with the
 * baseline of the major version, {@code api-baseline-<major>.txt}: a line of the baseline that is
 * gone is a breaking change and fails the build. After an intended addition, rewrite the baseline with
 * {@code ./mvnw -pl platform/api test -Dfupan.api.write-baseline=true} and commit it; a breaking change
 * needs a new major version (and a new baseline).
 */
class ApiCompatibilityTest {

    private static final String MAJOR = ApiVersion.CURRENT.substring(0, ApiVersion.CURRENT.indexOf('.'));
    private static final Path BASELINE = Path.of("src/test/resources/api-baseline-" + MAJOR + ".txt");

    @Test
    void publicSurface_keepsEverythingOfTheMajorVersionsBaseline() throws Exception {
        Set<String> now = surface();
        if (Boolean.getBoolean("fupan.api.write-baseline")) {
            Files.write(BASELINE, now, StandardCharsets.UTF_8);
        }
        assertThat(BASELINE).as("the baseline of API major version " + MAJOR).exists();
        Set<String> baseline = new TreeSet<>(Files.readAllLines(BASELINE, StandardCharsets.UTF_8));
        baseline.removeIf(String::isBlank);

        Set<String> removed = new TreeSet<>(baseline);
        removed.removeAll(now);
        assertThat(removed).as("breaking changes within API major version " + MAJOR
                + " (removed or changed since the baseline)").isEmpty();
    }

    @Test
    void surface_seesTheExtensionPointsAndTheirMembers() throws Exception {
        assertThat(surface()).contains(
                "type io.fupan.api.PluginFactory interface extends org.pf4j.ExtensionPoint",
                "method io.fupan.api.PluginFactory#create(io.fupan.api.PluginContext) io.fupan.api.PluginInstance",
                "method io.fupan.api.rest.RestEndpoint#handle(io.fupan.api.rest.PluginRequest) io.fupan.api.rest.PluginResponse");
    }

    /** One line per public type, supertype, constructor, method and field of io.fupan.api. */
    static Set<String> surface() throws IOException, URISyntaxException, ClassNotFoundException {
        Path root = Path.of(ApiVersion.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Set<String> lines = new TreeSet<>();
        List<String> names;
        try (Stream<Path> files = Files.walk(root.resolve("io/fupan/api"))) {
            names = files.map(p -> root.relativize(p).toString())
                    .filter(n -> n.endsWith(".class") && !n.equals("module-info.class"))
                    .map(n -> n.substring(0, n.length() - ".class".length()).replace('/', '.').replace('\\', '.'))
                    .toList();
        }
        for (String name : names) {
            Class<?> type = Class.forName(name, false, ApiCompatibilityTest.class.getClassLoader());
            if (!Modifier.isPublic(type.getModifiers()) || type.isAnonymousClass() || type.isSynthetic()) {
                continue;
            }
            String kind = type.isRecord() ? "record" : type.isEnum() ? "enum" : type.isInterface() ? "interface" : "class";
            String supers = Stream.concat(
                            type.getSuperclass() == null || type.getSuperclass() == Object.class || type.isRecord()
                                    ? Stream.empty() : Stream.of(type.getSuperclass()),
                            Arrays.stream(type.getInterfaces()))
                    .map(Class::getName).sorted().collect(Collectors.joining(", "));
            lines.add("type " + type.getName() + " " + kind + (supers.isEmpty() ? "" : " extends " + supers));
            for (Constructor<?> c : type.getDeclaredConstructors()) {
                if (visible(c.getModifiers()) && !type.isInterface()) {
                    lines.add("ctor " + type.getName() + "(" + params(c.getParameterTypes()) + ")");
                }
            }
            for (Method m : type.getDeclaredMethods()) {
                if (visible(m.getModifiers()) && !m.isSynthetic() && !m.isBridge()) {
                    lines.add("method " + type.getName() + "#" + m.getName() + "(" + params(m.getParameterTypes()) + ") "
                            + m.getReturnType().getTypeName() + (Modifier.isStatic(m.getModifiers()) ? " static" : ""));
                }
            }
            for (Field f : type.getDeclaredFields()) {
                if (visible(f.getModifiers())) {
                    lines.add("field " + type.getName() + "." + f.getName() + " " + f.getType().getTypeName());
                }
            }
        }
        return lines;
    }

    private static boolean visible(int modifiers) {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }

    private static String params(Class<?>[] types) {
        return Arrays.stream(types).map(Class::getTypeName).collect(Collectors.joining(", "));
    }
}
