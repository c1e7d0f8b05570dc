package io.courier.architecture;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiPredicate;
import java.util.function.Function;

/**
 * A set of nodes that reach each other through their classes' dependencies (a strongly connected
 * component of the graph: of top-level classes, or of packages), with the edges inside it that cross from
 * one package to another.
 */
record ClassLoop(Set<String> nodes, Set<String> packages, List<String> crossings) {

    @Override
    public String toString() {
        return "a loop across the packages " + packages + ": " + crossings
                + " (move the shared piece down, or let the lower side take a callback)";
    }

    /**
     * Every loop of two or more nodes among {@code classes}: {@code node} names the node a class counts in
     * ({@code null} for a class left out), {@code counts} whether a dependency from one class to another is
     * an edge.
     */
    static List<ClassLoop> of(
            JavaClasses classes, Function<JavaClass, String> node, BiPredicate<JavaClass, JavaClass> counts) {
        Map<String, Set<String>> graph = new TreeMap<>();
        Map<String, String> packageOf = new HashMap<>();
        for (JavaClass origin : classes) {
            String from = node.apply(origin);
            if (from == null) {
                continue;
            }
            packageOf.put(from, origin.getPackageName());
            Set<String> targets = graph.computeIfAbsent(from, key -> new TreeSet<>());
            for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                JavaClass target = dependency.getTargetClass();
                String to = node.apply(target);
                if (to != null && !to.equals(from) && counts.test(origin, target)) {
                    targets.add(to);
                    packageOf.putIfAbsent(to, target.getPackageName());
                }
            }
        }
        List<ClassLoop> loops = new ArrayList<>();
        for (Set<String> component : new Components(graph).strong()) {
            Set<String> packages = new TreeSet<>();
            List<String> crossings = new ArrayList<>();
            for (String from : component) {
                packages.add(packageOf.get(from));
                for (String to : graph.getOrDefault(from, Set.of())) {
                    if (component.contains(to) && !packageOf.get(from).equals(packageOf.get(to))) {
                        crossings.add(from + " -> " + to);
                    }
                }
            }
            loops.add(new ClassLoop(component, packages, crossings));
        }
        return loops;
    }

    /** The top-level class {@code javaClass} is or is nested in, if it is one of Courier's; else null. */
    static String topLevel(JavaClass javaClass) {
        JavaClass top = javaClass;
        while (top.getEnclosingClass().isPresent()) {
            top = top.getEnclosingClass().get();
        }
        String name = top.getName();
        return name.startsWith("io.courier.") && !top.isArray() ? name : null;
    }

    /** Tarjan's strongly connected components, iteratively, so a deep graph does not overflow the stack. */
    private static final class Components {
        private final Map<String, Set<String>> graph;
        private final Map<String, Integer> index = new HashMap<>();
        private final Map<String, Integer> low = new HashMap<>();
        private final Deque<String> stack = new ArrayDeque<>();
        private final Set<String> onStack = new HashSet<>();
        private final List<Set<String>> found = new ArrayList<>();

        Components(Map<String, Set<String>> graph) {
            this.graph = graph;
        }

        List<Set<String>> strong() {
            for (String node : graph.keySet()) {
                if (!index.containsKey(node)) {
                    visit(node);
                }
            }
            return found;
        }

        private void visit(String root) {
            Deque<Map.Entry<String, Iterator<String>>> work = new ArrayDeque<>();
            enter(root, work);
            while (!work.isEmpty()) {
                Map.Entry<String, Iterator<String>> top = work.peek();
                String node = top.getKey();
                if (top.getValue().hasNext()) {
                    String next = top.getValue().next();
                    if (!index.containsKey(next)) {
                        enter(next, work);
                    } else if (onStack.contains(next)) {
                        low.put(node, Math.min(low.get(node), index.get(next)));
                    }
                    continue;
                }
                work.pop();
                if (!work.isEmpty()) {
                    String parent = work.peek().getKey();
                    low.put(parent, Math.min(low.get(parent), low.get(node)));
                }
                if (low.get(node).equals(index.get(node))) {
                    Set<String> component = new TreeSet<>();
                    String member;
                    do {
                        member = stack.pop();
                        onStack.remove(member);
                        component.add(member);
                    } while (!member.equals(node));
                    if (component.size() > 1) {
                        found.add(component);
                    }
                }
            }
        }

        private void enter(String node, Deque<Map.Entry<String, Iterator<String>>> work) {
            index.put(node, index.size());
            low.put(node, index.get(node));
            stack.push(node);
            onStack.add(node);
            work.push(Map.entry(node, graph.getOrDefault(node, Set.of()).iterator()));
        }
    }
}
