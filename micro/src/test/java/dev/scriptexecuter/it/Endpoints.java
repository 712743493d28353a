package dev.scriptexecuter.it;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Every REST endpoint the application has, read from its resource classes
 * (the web module's classes), as "METHOD /api/path/{param}".
 */
final class Endpoints {

    private static final String ROOT_PACKAGE = "dev/scriptexecuter/";
    private static final List<Class<? extends Annotation>> VERBS =
            List.of(GET.class, POST.class, PUT.class, PATCH.class, DELETE.class);

    private Endpoints() {
    }

    static Set<String> all(Class<?> application) {
        String base = "/" + application.getAnnotation(ApplicationPath.class).value();
        Set<String> endpoints = new TreeSet<>();
        for (Class<?> resource : classesBeside(application)) {
            Path root = resource.getAnnotation(Path.class);
            if (root == null) {
                continue;
            }
            for (Method method : resource.getDeclaredMethods()) {
                for (Class<? extends Annotation> verb : VERBS) {
                    if (method.isAnnotationPresent(verb)) {
                        Path sub = method.getAnnotation(Path.class);
                        String path = base + "/" + root.value() + (sub == null ? "" : "/" + sub.value());
                        endpoints.add(verb.getAnnotation(HttpMethod.class).value() + " " + path.replace("//", "/"));
                    }
                }
            }
        }
        return endpoints;
    }

    private static List<Class<?>> classesBeside(Class<?> anchor) {
        URL location = anchor.getProtectionDomain().getCodeSource().getLocation();
        try (Stream<String> names = classNames(location)) {
            return names.filter(name -> name.startsWith(ROOT_PACKAGE) && name.contains("/rest/") && name.endsWith(".class"))
                    .map(name -> name.substring(0, name.length() - ".class".length()).replace('/', '.'))
                    .map(Endpoints::load).toList();
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException("Cannot list the classes in " + location, e);
        }
    }

    private static Stream<String> classNames(URL location) throws IOException, URISyntaxException {
        java.nio.file.Path path = Paths.get(location.toURI());
        if (Files.isDirectory(path)) {
            return Files.walk(path).map(p -> path.relativize(p).toString().replace('\\', '/'));
        }
        JarFile jar = new JarFile(path.toFile());
        return jar.stream().map(entry -> entry.getName()).onClose(() -> {
            try {
                jar.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, Endpoints.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalStateException("Cannot load " + name, e);
        }
    }
}
