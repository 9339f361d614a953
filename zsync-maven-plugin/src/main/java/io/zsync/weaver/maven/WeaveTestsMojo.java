package io.zsync.weaver.maven;

import java.io.File;
import java.util.List;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Weaves the project's test classes ({@code target/test-classes}) in place, against the test
 * class path, which holds the main classes: they are looked up, and judged by their marks, not
 * woven again. Fails the build, with the reason, if a class cannot be woven.
 */
@Mojo(name = "weave-tests", defaultPhase = LifecyclePhase.PROCESS_TEST_CLASSES,
        requiresDependencyResolution = ResolutionScope.TEST, threadSafe = true)
public class WeaveTestsMojo extends AbstractWeaveMojo {

    @Parameter(defaultValue = "${project.build.testOutputDirectory}", readonly = true, required = true)
    private File testOutputDirectory;

    @Parameter(defaultValue = "${project.testClasspathElements}", readonly = true, required = true)
    private List<String> testClasspath;

    /** Fails the build on a suspendable lambda of the tests made into an interface that is not suspendable. */
    @Parameter(property = "zsync.weaveTests.failOnUnwovenCalls", defaultValue = "false")
    private boolean failOnUnwovenTestCalls;

    /** Creates the goal; Maven injects its parameters. */
    public WeaveTestsMojo() {}

    @Override
    boolean failOnUnwovenCalls() {
        return failOnUnwovenTestCalls;
    }

    @Override
    File classesDirectory() {
        return testOutputDirectory;
    }

    @Override
    List<String> classpathElements() {
        return testClasspath;
    }
}
