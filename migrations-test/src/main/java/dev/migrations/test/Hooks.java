package dev.migrations.test;

import dev.migrations.Migrations;
import dev.migrations.RevisionInfo;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ReflectionSupport;

/**
 * The test class's {@link SeedBefore} and {@link VerifyAfter} methods, by the revision they name.
 *
 * @param seeds methods to run before each revision's upgrade
 * @param verifications methods to run after it
 */
record Hooks(Map<String, List<Method>> seeds, Map<String, List<Method>> verifications) {

    Hooks {
        seeds = Map.copyOf(seeds);
        verifications = Map.copyOf(verifications);
    }

    /** Finds the hook methods and resolves the revisions they name; a name matching nothing fails. */
    static Hooks find(Class<?> testClass, Migrations migrations) {
        Map<String, List<Method>> seeds = new LinkedHashMap<>();
        Map<String, List<Method>> verifications = new LinkedHashMap<>();
        for (Method method :
                AnnotationSupport.findAnnotatedMethods(testClass, SeedBefore.class, HierarchyTraversalMode.TOP_DOWN)) {
            String revision = method.getAnnotation(SeedBefore.class).value();
            add(seeds, resolve(migrations, revision, method), method);
        }
        for (Method method :
                AnnotationSupport.findAnnotatedMethods(testClass, VerifyAfter.class, HierarchyTraversalMode.TOP_DOWN)) {
            String revision = method.getAnnotation(VerifyAfter.class).value();
            add(verifications, resolve(migrations, revision, method), method);
        }
        return new Hooks(seeds, verifications);
    }

    private static void add(Map<String, List<Method>> byRevision, String revision, Method method) {
        Class<?>[] parameters = method.getParameterTypes();
        if (parameters.length != 1 || parameters[0] != Connection.class) {
            throw new IllegalStateException(method + " must take exactly one java.sql.Connection parameter");
        }
        byRevision.computeIfAbsent(revision, k -> new ArrayList<>()).add(method);
    }

    private static String resolve(Migrations migrations, String revision, Method method) {
        List<RevisionInfo> found;
        try {
            found = migrations.graph().show(revision);
        } catch (RuntimeException e) {
            throw new IllegalStateException(
                    method.getName() + " names revision '" + revision + "', which is not usable: " + e.getMessage(), e);
        }
        if (found.size() != 1) {
            throw new IllegalStateException(method.getName() + " names '" + revision + "', which stands for "
                    + found.size() + " revisions; name exactly one revision id");
        }
        return found.get(0).id();
    }

    /** Revisions with hooks, in the given upgrade order. */
    List<RevisionInfo> revisions(List<RevisionInfo> upgradeOrder) {
        List<RevisionInfo> result = new ArrayList<>();
        for (RevisionInfo revision : upgradeOrder) {
            if (seeds.containsKey(revision.id()) || verifications.containsKey(revision.id())) {
                result.add(revision);
            }
        }
        return result;
    }

    /** Runs the methods on the test instance with the given connection. */
    static void run(List<Method> methods, Object testInstance, Connection connection) {
        for (Method method : methods) {
            ReflectionSupport.invokeMethod(method, testInstance, connection);
        }
    }
}
