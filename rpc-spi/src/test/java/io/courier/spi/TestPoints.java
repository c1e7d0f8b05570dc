package io.courier.spi;

/** Extension points and implementations used by the loader tests, one services file per scenario. */
final class TestPoints {

    private TestPoints() {}

    @ExtensionPoint(defaultName = "alpha")
    public interface Greeter {
        String greet();
    }

    @Extension("alpha")
    public static final class AlphaGreeter implements Greeter {
        @Override
        public String greet() {
            return "alpha";
        }
    }

    @Extension("beta")
    public static final class BetaGreeter implements Greeter {
        @Override
        public String greet() {
            return "beta";
        }
    }

    /** Counts constructions so tests can prove one instance per name. */
    @Extension("counted")
    public static final class CountedGreeter implements Greeter {
        static final java.util.concurrent.atomic.AtomicInteger BUILT = new java.util.concurrent.atomic.AtomicInteger();

        public CountedGreeter() {
            BUILT.incrementAndGet();
        }

        @Override
        public String greet() {
            return "counted";
        }
    }

    @Extension("failing")
    public static final class FailingGreeter implements Greeter {
        public FailingGreeter() {
            throw new IllegalStateException("boom");
        }

        @Override
        public String greet() {
            return "never";
        }
    }

    @Extension("no-default-constructor")
    public static final class ArgumentGreeter implements Greeter {
        public ArgumentGreeter(String ignored) {}

        @Override
        public String greet() {
            return "never";
        }
    }

    @ExtensionPoint
    public interface Step {
        String id();
    }

    @Extension("late")
    @Activate(sides = Side.CONSUMER, order = 300)
    public static final class LateStep implements Step {
        @Override
        public String id() {
            return "late";
        }
    }

    @Extension("early")
    @Activate(
            sides = {Side.CONSUMER, Side.PROVIDER},
            order = -10)
    public static final class EarlyStep implements Step {
        @Override
        public String id() {
            return "early";
        }
    }

    @Extension("middle-b")
    @Activate(sides = Side.PROVIDER, order = 100)
    public static final class MiddleBStep implements Step {
        @Override
        public String id() {
            return "middle-b";
        }
    }

    @Extension("middle-a")
    @Activate(
            sides = {Side.CONSUMER, Side.PROVIDER},
            order = 100)
    public static final class MiddleAStep implements Step {
        @Override
        public String id() {
            return "middle-a";
        }
    }

    @Extension("manual")
    public static final class ManualStep implements Step {
        @Override
        public String id() {
            return "manual";
        }
    }

    @ExtensionPoint
    public interface Duplicated {}

    @Extension("same")
    public static final class FirstDuplicate implements Duplicated {}

    @Extension("same")
    public static final class SecondDuplicate implements Duplicated {}

    @ExtensionPoint
    public interface Mislisted {}

    /** Listed for {@link Mislisted} but implements something else. */
    @Extension("stranger")
    public static final class Stranger implements Step {
        @Override
        public String id() {
            return "stranger";
        }
    }

    @ExtensionPoint
    public interface Unnamed {}

    public static final class UnnamedImplementation implements Unnamed {}

    @ExtensionPoint
    public interface Missing {}

    @ExtensionPoint
    public interface BadlyNamed {}

    @Extension("Upper Case")
    public static final class BadlyNamedImplementation implements BadlyNamed {}

    /** An extension point that was called {@code io.courier.spi.OldRenamed} before it moved. */
    @ExtensionPoint(formerly = "io.courier.spi.OldRenamed")
    public interface Renamed {}

    /** Not annotated {@link ExtensionPoint}. */
    public interface NotAPoint {}
}
