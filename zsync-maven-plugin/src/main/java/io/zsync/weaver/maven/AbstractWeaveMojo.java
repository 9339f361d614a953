package io.zsync.weaver.maven;

import io.zsync.weaver.ClassDirectoryWeaver;
import io.zsync.weaver.WeaveException;
import io.zsync.weaver.WeaveResult;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.toolchain.Toolchain;
import org.apache.maven.toolchain.ToolchainManager;

/** Weaves one output directory of the project in place, against a class path the goal names. */
abstract class AbstractWeaveMojo extends AbstractMojo {

    /** How many of the unwoven calls the weaver found are logged as warnings; the rest are logged at debug level. */
    private static final int LISTED_UNWOVEN_CALLS = 10;

    /** Skips weaving. */
    @Parameter(property = "zsync.weave.skip", defaultValue = "false")
    private boolean skip;

    /**
     * Class files left out of weaving, as glob patterns on their path under the classes directory
     * ({@code com/example/legacy/**}). They are judged by their marks, as classes of another build.
     */
    @Parameter
    private List<String> excludes = List.of();

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    private MavenSession session;

    @Component
    private ToolchainManager toolchains;

    /** The directory whose class files are woven in place. */
    abstract File classesDirectory();

    /** The class path the classes were compiled against: it may include {@link #classesDirectory()}. */
    abstract List<String> classpathElements();

    /**
     * Whether the build fails when the weaver finds suspendable code that will be called from code
     * it does not rewrite (a suspendable lambda made into a {@code Runnable} or JUnit
     * {@code Executable}); otherwise each is logged as a warning. A setting of each goal: test code
     * hands lambdas to {@code assertThrows} on plain test threads, where they never suspend.
     */
    abstract boolean failOnUnwovenCalls();

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("zsync weaver: skipped");
            return;
        }
        List<Path> classpath = classpathElements().stream().map(Path::of).toList();
        try {
            WeaveResult result = ClassDirectoryWeaver.weaveInPlace(classesDirectory().toPath(), classpath, toolchainJdkHome(),
                    excludes);
            getLog().info(result.summary());
            List<String> unwoven = result.unwovenCalls();
            if (!unwoven.isEmpty()) {
                getLog().warn("zsync weaver: " + unwoven.size() + " suspendable lambdas or method references are made"
                        + " into interfaces that are not suspendable; inside a task, they must not suspend"
                        + " (the first " + Math.min(unwoven.size(), LISTED_UNWOVEN_CALLS) + " follow; all with -X)");
            }
            for (int i = 0; i < unwoven.size(); i++) {
                if (i < LISTED_UNWOVEN_CALLS) {
                    getLog().warn("zsync weaver: " + unwoven.get(i));
                } else {
                    getLog().debug("zsync weaver: " + unwoven.get(i));
                }
            }
            if (failOnUnwovenCalls() && !unwoven.isEmpty()) {
                throw new MojoFailureException("zsync weaver: " + result.unwovenCalls().size()
                        + " suspendable lambdas or method references will be called from code that is not woven"
                        + " (listed above); make their interface method @Suspendable, or do not pass suspending"
                        + " code there");
            }
        } catch (WeaveException e) {
            throw new MojoFailureException(e.getMessage(), e);
        } catch (IOException e) {
            throw new MojoExecutionException("zsync weaver: cannot weave " + classesDirectory() + ": " + e.getMessage(), e);
        }
    }

    /**
     * The home of the build's JDK toolchain, whose classes the code was compiled against; {@code null}
     * without a toolchain (the JDK that runs Maven is then the one).
     */
    private Path toolchainJdkHome() {
        Toolchain jdk = toolchains.getToolchainFromBuildContext("jdk", session);
        String java = jdk == null ? null : jdk.findTool("java");
        return java == null ? null : Path.of(java).getParent().getParent();
    }
}
