package io.fupan.testkit;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Ties the shared parts to the JUnit launcher session of the Maven test JVM. With system property
 * {@code fupan.stack.autostart=true} (set by the integration-test configuration) it starts the
 * whole stack before the first test, so that tests which cannot carry an extension, such as
 * Arquillian tests whose class also runs inside the server, find it running.
 */
public class StackSessionListener implements LauncherSessionListener {

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        if (Boolean.getBoolean("fupan.stack.autostart")) {
            SharedParts.stack();
        }
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        SharedParts.stopAll();
    }
}
