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

    /** Skips weaving. */
    @Parameter(property = "zsync.weave.skip", defaultValue = "false")
    private boolean skip;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    private MavenSession session;

    @Component
    private ToolchainManager toolchains;

    /** The directory whose class files are woven in place. */
    abstract File classesDirectory();

    /** The class path the classes were compiled against: it may include {@link #classesDirectory()}. */
    abstract List<String> classpathElements();

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("zsync weaver: skipped");
            return;
        }
        List<Path> classpath = classpathElements().stream().map(Path::of).toList();
        try {
            WeaveResult result = ClassDirectoryWeaver.weaveInPlace(classesDirectory().toPath(), classpath, toolchainJdkHome());
            getLog().info(result.summary());
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
