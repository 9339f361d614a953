package io.zsync.weaver.maven;

import java.io.File;
import java.util.List;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Weaves the project's main classes ({@code target/classes}) in place, against the compile class
 * path: suspendable methods become resumable state machines. Fails the build, with the reason,
 * if a class cannot be woven.
 */
@Mojo(name = "weave", defaultPhase = LifecyclePhase.PROCESS_CLASSES,
        requiresDependencyResolution = ResolutionScope.COMPILE, threadSafe = true)
public class WeaveMojo extends AbstractWeaveMojo {

    @Parameter(defaultValue = "${project.build.outputDirectory}", readonly = true, required = true)
    private File outputDirectory;

    @Parameter(defaultValue = "${project.compileClasspathElements}", readonly = true, required = true)
    private List<String> compileClasspath;

    /** Fails the build on a suspendable lambda made into an interface that is not suspendable; see the README. */
    @Parameter(property = "zsync.weave.failOnUnwovenCalls", defaultValue = "false")
    private boolean failOnUnwovenCalls;

    /** Creates the goal; Maven injects its parameters. */
    public WeaveMojo() {}

    @Override
    boolean failOnUnwovenCalls() {
        return failOnUnwovenCalls;
    }

    @Override
    File classesDirectory() {
        return outputDirectory;
    }

    @Override
    List<String> classpathElements() {
        return compileClasspath;
    }
}
