package io.courier.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import com.tngtech.archunit.library.dependencies.SliceRule;
import java.util.List;
import java.util.Optional;

/**
 * The rules every module's main code keeps. {@link ArchitectureTest} checks them on the build's
 * classes; {@link PlantedViolationsTest} shows each one failing on a class planted to break it.
 */
final class ModuleRules {

    private static final String INTERNAL = ".internal";

    /**
     * The boundaries that are still crossed, each with its reason. A new entry needs a reason a
     * reviewer accepts; the aim is an empty list, reached by making what a neighbour needs public
     * API with javadoc, or by moving it.
     */
    static final List<DeclaredCrossing> FRIENDS = List.of(
            new DeclaredCrossing(
                    "io.courier.protocol",
                    "io.courier.api",
                    "argument checks, the served-attachments slot and the contract errors are shared by the core"
                            + " modules and are not for users"),
            new DeclaredCrossing("io.courier.transport", "io.courier.api", "as for rpc-protocol"),
            new DeclaredCrossing("io.courier.cluster", "io.courier.api", "as for rpc-protocol"),
            new DeclaredCrossing("io.courier.filter", "io.courier.api", "as for rpc-protocol"),
            new DeclaredCrossing("io.courier.proxy", "io.courier.api", "as for rpc-protocol"),
            new DeclaredCrossing("io.courier.registry.zookeeper", "io.courier.api", "as for rpc-protocol"),
            new DeclaredCrossing(
                    "io.courier.registry.etcd",
                    "io.courier.api",
                    "every registry reads configuration documents and version records with the one parser of"
                            + " io.courier.api.internal.document, so both registries accept and refuse the same documents"),
            new DeclaredCrossing(
                    "io.courier.registry.zookeeper",
                    "io.courier.api.store",
                    "the registry stores share their version records, consumer records and document checks"
                            + " (io.courier.api.store.internal), so the stores of both registries read each other's data"),
            new DeclaredCrossing("io.courier.registry.etcd", "io.courier.api.store", "as for the zookeeper store"),
            new DeclaredCrossing("io.courier.bootstrap", "io.courier.api", "as for rpc-protocol"),
            new DeclaredCrossing(
                    "io.courier.transport",
                    "io.courier.protocol",
                    "the transport frames the protocol's header; the header layout is not user API"),
            new DeclaredCrossing(
                    "io.courier.serialization.fory",
                    "io.courier.protocol",
                    "the fory serializer is rpc-protocol's own serializer, kept apart only so the core does not"
                            + " carry Fory; it reads the same wire helpers as the built-in serializers"),
            new DeclaredCrossing(
                    "io.courier.bench",
                    "io.courier.protocol",
                    "the serializer benchmark measures the protocol's internal buffers directly"));

    private ModuleRules() {}

    /** No class uses another module's {@code .internal} packages, but for {@link #FRIENDS}. */
    static ArchRule noModuleUsesAnotherModulesInternals(List<DeclaredCrossing> friends) {
        return classes()
                .that()
                .resideInAPackage("io.courier..")
                .should(new ArchCondition<JavaClass>("use only their own module's .internal packages") {
                    @Override
                    public void check(JavaClass origin, ConditionEvents events) {
                        for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                            String target = dependency.getTargetClass().getPackageName();
                            Optional<String> owner = internalOwner(target);
                            if (owner.isEmpty() || inModule(origin.getPackageName(), owner.get())) {
                                continue;
                            }
                            String user = origin.getPackageName();
                            if (friends.stream().noneMatch(friend -> friend.allows(user, owner.get()))) {
                                events.add(SimpleConditionEvent.violated(
                                        dependency,
                                        dependency.getDescription() + ": " + target + " is internal to " + owner.get()
                                                + " (make what is needed public API, or move it)"));
                            }
                        }
                    }
                });
    }

    /**
     * No cycles between packages. A package and its own {@code .internal} package count as one (see
     * {@link #cycleSlice}); the sub-packages of {@code .internal} count each on its own, so a cycle between
     * two features, inside a module or between two modules' packages, is what this rule is for.
     */
    static ArchRule noCyclesBetweenPackages() {
        return noCyclesBetweenPackages(KNOWN_CYCLES);
    }

    /**
     * The dependencies that close a cycle today, each ignored with its reason; like {@link #FRIENDS}, a list
     * meant to shrink. An entry names the package whose classes depend and the package they depend on, each
     * with its sub-packages. The entries date from the rule's seeing {@code .internal}'s sub-packages as
     * packages of their own, which found these loops; each module's other packages stay checked.
     */
    static final List<DeclaredCrossing> KNOWN_CYCLES = List.of(
            new DeclaredCrossing(
                    "io.courier.bootstrap.internal",
                    "io.courier.bootstrap",
                    "the wiring packages use CourierOptions, ConfigurationException and each other (Infrastructure"
                            + " holds the references' leases, the exporter and the registrations); to cut by moving"
                            + " the shared values down into the package their users sit on"),
            new DeclaredCrossing(
                    "io.courier.transport.internal",
                    "io.courier.transport",
                    "the stream, server, client and executor packages call each other and the public options; to cut"
                            + " by moving what stream and server share into one package below both"),
            new DeclaredCrossing(
                    "io.courier.grpc.internal",
                    "io.courier.grpc",
                    "the client and schema packages use each other and the module's public types; to cut like"
                            + " the transport's"),
            new DeclaredCrossing(
                    "io.courier.registry.etcd.internal",
                    "io.courier.registry.etcd",
                    "the coordination package uses the registry's public types, which build it; to cut like the"
                            + " transport's"));

    static ArchRule noCyclesBetweenPackages(List<DeclaredCrossing> knownCycles) {
        SliceRule rule = slices().assignedFrom(new SliceAssignment() {
                    @Override
                    public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
                        String name = javaClass.getPackageName();
                        if (!name.startsWith("io.courier.")) {
                            return SliceIdentifier.ignore();
                        }
                        return SliceIdentifier.of(cycleSlice(name));
                    }

                    @Override
                    public String getDescription() {
                        return "Courier's packages, each with its own .internal package (not its sub-packages)";
                    }
                })
                .should()
                .beFreeOfCycles();
        for (DeclaredCrossing known : knownCycles) {
            rule = rule.ignoreDependency(
                    JavaClass.Predicates.resideInAPackage(known.from() + ".."),
                    JavaClass.Predicates.resideInAPackage(known.to() + ".."));
        }
        return rule;
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

    private static boolean inModule(String packageName, String root) {
        return packageName.equals(root) || packageName.startsWith(root + ".");
    }
}
