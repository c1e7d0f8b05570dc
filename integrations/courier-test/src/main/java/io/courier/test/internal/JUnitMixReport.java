package io.courier.test.internal;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says what is wrong, before JUnit discovers a test, when the class path's JUnit jars are of different
 * releases: such a mix usually fails in discovery or in the launcher with a {@code NoSuchMethodError}
 * that names neither the versions nor the fix, before any {@code @CourierTest} class could report it.
 * Registered through {@code META-INF/services}, so it runs wherever courier-test is on the class path
 * and the JUnit Platform launcher finds it (Surefire, Gradle, IDEs); without the launcher it is never
 * loaded.
 *
 * <p>It only logs (at ERROR) and never fails the run: a mix that JUnit tolerates keeps working, and
 * {@code CourierExtension} fails the Courier test classes themselves.
 */
public final class JUnitMixReport implements LauncherSessionListener {

    private static final Logger log = LoggerFactory.getLogger(JUnitMixReport.class);

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        JUnitVersions.problem().ifPresent(log::error);
    }
}
