package io.courier.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.lang.AbstractClassesTransformer;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ClassesTransformer;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import java.util.List;
import java.util.Optional;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The rules every module's main code keeps, and its test code for the module boundary. {@link ArchitectureTest}
 * checks them on the build's classes; {@link PlantedViolationsTest} shows each one failing on a class planted
 * to break it.
 */
final class ModuleRules {

    private static final String INTERNAL = ".internal";

    /** The mark of a class of an {@code .internal} package that Courier's other modules may use. */
    static final String INTERNAL_MARK = "io.courier.api.Internal";

    /**
     * The types of an {@code .internal} package still used by another module without {@link #INTERNAL_MARK},
     * each with its reason: a list meant to be empty. What a sibling needs is one small class for that
     * capability, marked {@code @Internal} in the owning module, or public API, or moved to the module
     * that needs it.
     */
    static final List<DeclaredCrossing> FRIENDS = List.of();

    private ModuleRules() {}

    /**
     * No class uses another module's {@code .internal} packages but through a class marked
     * {@code @Internal} ({@link #INTERNAL_MARK}, on the class or the class it is nested in) or a type named in
     * {@link #FRIENDS}. A class may use its own module's internals; the module is the package root before
     * {@code .internal}.
     */
    static ArchRule noModuleUsesAnotherModulesInternals(List<DeclaredCrossing> friends) {
        return classes()
                .that()
                .resideInAPackage("io.courier..")
                .should(new ArchCondition<JavaClass>("use only their own module's .internal packages") {
                    @Override
                    public void check(JavaClass origin, ConditionEvents events) {
                        for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                            JavaClass targetClass = dependency.getTargetClass().getBaseComponentType();
                            String target = targetClass.getPackageName();
                            Optional<String> owner = internalOwner(target);
                            if (owner.isEmpty()
                                    || inModule(origin.getPackageName(), owner.get())
                                    || markedInternal(targetClass)) {
                                continue;
                            }
                            String user = origin.getPackageName();
                            String type = ClassLoop.topLevel(targetClass);
                            if (friends.stream().noneMatch(friend -> friend.allows(user, type))) {
                                events.add(SimpleConditionEvent.violated(
                                        dependency,
                                        dependency.getDescription() + ": " + target + " is internal to " + owner.get()
                                                + " (mark one small class for the capability @Internal, make it"
                                                + " public API, or move it)"));
                            }
                        }
                    }
                });
    }

    /**
     * No cycles between packages. A package and its own {@code .internal} package count as one (see
     * {@link #cycleSlice}); the sub-packages of {@code .internal} count each on its own, so a cycle between
     * two features, inside a module or between two modules' packages, is what this rule is for. A feature
     * package {@code x.internal.a} may use {@code x} itself: those are the public types it implements and is
     * configured with ({@code TransportOptions}, {@code ConfigurationException}), which the module's entry
     * points ({@code TransportServer}, {@code Courier}) hand it; that no single class of {@code x} loops
     * back through a feature is {@link #noLoopOfClassesAcrossPackages}'s to check.
     */
    static ArchRule noCyclesBetweenPackages() {
        return loops(
                "cycles between packages",
                javaClass -> javaClass.getPackageName().startsWith("io.courier.")
                        ? cycleSlice(javaClass.getPackageName())
                        : null,
                (origin, target) -> !usesItsOwnPublicPackage(origin.getPackageName(), target.getPackageName()),
                loop -> true);
    }

    /** Whether {@code origin} is a sub-package of {@code target}'s {@code .internal} package. */
    static boolean usesItsOwnPublicPackage(String origin, String target) {
        return origin.startsWith(target + INTERNAL + ".");
    }

    /**
     * No loop of classes that spans two packages, each package on its own here ({@code x.internal} apart
     * from {@code x}): a public type and the internal helper that builds it, or two features that call each
     * other, are one job split in two places. The loop is cut by moving the shared piece down or by a
     * callback interface in the lower package. Nested classes count as their top-level class.
     */
    static ArchRule noLoopOfClassesAcrossPackages() {
        return loops(
                "loops of classes",
                ClassLoop::topLevel,
                (origin, target) -> true,
                loop -> loop.packages().size() > 1);
    }

    private static ArchRule loops(
            String what,
            Function<JavaClass, String> node,
            BiPredicate<JavaClass, JavaClass> counts,
            Predicate<ClassLoop> violates) {
        ClassesTransformer<ClassLoop> loops = new AbstractClassesTransformer<>(what) {
            @Override
            public Iterable<ClassLoop> doTransform(JavaClasses classes) {
                return ClassLoop.of(classes, node, counts);
            }
        };
        return ArchRuleDefinition.all(loops)
                .should(new ArchCondition<ClassLoop>("not exist") {
                    @Override
                    public void check(ClassLoop loop, ConditionEvents events) {
                        if (violates.test(loop)) {
                            events.add(SimpleConditionEvent.violated(loop, "Cycle detected: " + loop));
                        }
                    }
                })
                .allowEmptyShould(true);
    }

    /** A class uses only its own module and the modules {@link CourierModule} lets it use. */
    static ArchRule modulesDependDownwardsOnly() {
        return classes()
                .that()
                .resideInAPackage("io.courier..")
                .should(new ArchCondition<JavaClass>("use only the modules below their own") {
                    @Override
                    public void check(JavaClass origin, ConditionEvents events) {
                        Optional<CourierModule> from = CourierModule.owning(origin.getPackageName());
                        if (from.isEmpty()) {
                            events.add(SimpleConditionEvent.violated(
                                    origin, origin.getName() + " is in no module's package root (CourierModule)"));
                            return;
                        }
                        for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                            Optional<CourierModule> to = CourierModule.owning(
                                    dependency.getTargetClass().getPackageName());
                            if (to.isPresent() && !from.get().mayUse(to.get())) {
                                events.add(SimpleConditionEvent.violated(
                                        dependency,
                                        dependency.getDescription() + ": " + from.get() + " may not use " + to.get()));
                            }
                        }
                    }
                });
    }

    /**
     * The package a class counts in for the cycle rule: {@code x.internal} counts as {@code x}, because the
     * public types are built with their internal helpers which take them as arguments; every sub-package of
     * {@code x.internal} is a feature of its own, so a loop between two of them, or between one and {@code x},
     * is a cycle.
     */
    static String cycleSlice(String packageName) {
        return packageName.endsWith(INTERNAL)
                ? packageName.substring(0, packageName.length() - INTERNAL.length())
                : packageName;
    }

    /** The module root owning an {@code .internal} package, or empty for any other package. */
    static Optional<String> internalOwner(String packageName) {
        int at = packageName.indexOf(INTERNAL + ".");
        if (at < 0 && packageName.endsWith(INTERNAL)) {
            at = packageName.length() - INTERNAL.length();
        }
        return at < 0 ? Optional.empty() : Optional.of(packageName.substring(0, at));
    }

    /** Whether the class, or the top-level class it is nested in, is marked {@code @Internal}. */
    static boolean markedInternal(JavaClass javaClass) {
        JavaClass top = javaClass;
        while (top.getEnclosingClass().isPresent()) {
            top = top.getEnclosingClass().get();
        }
        return top.isAnnotatedWith(INTERNAL_MARK);
    }

    private static boolean inModule(String packageName, String root) {
        return packageName.equals(root) || packageName.startsWith(root + ".");
    }
}
