package io.zsync.weaver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.zsync.weaver.harness.Leaf;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Weaving a classes directory in place, as the Maven plugin and the command line do. */
class ClassDirectoryWeaverTest {

    @Test
    void weavesInPlaceOnceOnly(@TempDir Path classes) throws IOException, WeaveException, URISyntaxException {
        Map<String, byte[]> corpus = WovenCorpus.INSTANCE.original;
        for (Map.Entry<String, byte[]> entry : corpus.entrySet()) {
            Path file = classes.resolve(entry.getKey() + ".class");
            Files.createDirectories(file.getParent());
            Files.write(file, entry.getValue());
        }
        List<Path> classpath = List.of(Path.of(Leaf.class.getProtectionDomain().getCodeSource().getLocation().toURI()));

        WeaveResult first = ClassDirectoryWeaver.weaveInPlace(classes, classpath);
        int changed = WovenCorpus.INSTANCE.result.changedClasses().size();
        assertEquals("zsync weaver: " + changed + " of " + corpus.size() + " classes woven ("
                + WovenCorpus.INSTANCE.result.wovenMethods() + " methods)", first.summary());
        String shapes = "io/zsync/weaver/corpus/LocalShapes";
        assertFalse(Arrays.equals(corpus.get(shapes), Files.readAllBytes(classes.resolve(shapes + ".class"))));

        WeaveResult second = ClassDirectoryWeaver.weaveInPlace(classes, classpath);
        assertEquals("zsync weaver: 0 of " + corpus.size() + " classes woven (0 methods)", second.summary());
    }
}
