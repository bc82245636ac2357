package org.example.bookshelf.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A violation planted in a copy of this project fails that copy's build: the architecture test catches an adapter
 * that knows the wiring, and the compiler (the Books modules' boundary) an adapter that reaches for a use case's
 * implementation, directly or by joining the application's package. Each plant is a source file under
 * {@code src/test/planted/<plant>/}, copied into {@code src/main/java} of the copy, which Maven then builds offline
 * with the same local repository (the copy runs only its architecture test).
 */
class PlantedViolationTest {

    private static final Path PROJECT = Path.of("").toAbsolutePath();

    @TempDir
    Path copy;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "adapter-knows-the-wiring      | adapters do not know the wiring",
        "uses-a-service-implementation | CreateBookService is not public in dev.books.application",
        "joins-the-application-package | package exists in another module: dev.books.application"})
    void the_build_fails_on_the_planted_violation(String plant, String reason) throws Exception {
        copyTree(PROJECT.resolve("src/main"), copy.resolve("src/main"));
        copyTree(PROJECT.resolve("src/test/java"), copy.resolve("src/test/java"));
        Files.copy(PROJECT.resolve("pom.xml"), copy.resolve("pom.xml"));
        copyTree(PROJECT.resolve("src/test/planted").resolve(plant), copy.resolve("src/main/java"));

        Build build = maven(copy);

        assertThat(build.exitCode()).as("exit status of the build with %s:%n%s", plant, build.output()).isNotZero();
        assertThat(build.output()).contains(reason);
    }

    private record Build(int exitCode, String output) {
    }

    private static Build maven(Path project) throws IOException, InterruptedException {
        Path log = project.resolve("build.log");
        Process process = new ProcessBuilder(List.of(
                Path.of(System.getProperty("bookshelf.maven.home"), "bin", "mvn").toString(),
                "-B", "-o", "-Dmaven.repo.local=" + System.getProperty("bookshelf.maven.repo.local"),
                "-f", project.resolve("pom.xml").toString(), "verify",
                "-Dtest=ArchitectureTest", "-Dsurefire.failIfNoSpecifiedTests=false"))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("the build of the planted copy did not end within 5 minutes");
        }
        return new Build(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            files.forEach(source -> {
                Path target = to.resolve(from.relativize(source).toString());
                try {
                    if (Files.isDirectory(source)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(source, target);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
