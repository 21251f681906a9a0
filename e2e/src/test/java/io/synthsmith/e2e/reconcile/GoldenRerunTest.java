package io.synthsmith.e2e.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The re-run of exported golden code in a sandbox of its own, as a dataset consumer would run it. */
class GoldenRerunTest {

    private static final String SUM_TESTS = "{\"inputs\": [\"1 2\\n\", \"40 2\\n\"], \"outputs\": [\"3\\n\", \"42\\n\"]}";

    @TempDir
    Path work;

    @Test
    void cppIsCompiledInTheSandboxAndPassesOrFailsOnItsOutput() {
        String sum = "#include <iostream>\nint main(){long a,b;std::cin>>a>>b;std::cout<<a+b<<\"\\n\";}\n";
        String product = "#include <iostream>\nint main(){long a,b;std::cin>>a>>b;std::cout<<a*b<<\"\\n\";}\n";

        assertThat(GoldenRerun.run("cpp", sum, SUM_TESTS, work.resolve("sum"))).isEmpty();
        List<GoldenRerun.Failure> failures = GoldenRerun.run("cpp", product, SUM_TESTS, work.resolve("product"));
        assertThat(failures).extracting(GoldenRerun.Failure::test).containsExactly(0, 1);
        assertThat(failures.get(1).actual()).isEqualTo("80");
    }

    @Test
    void cppThatDoesNotCompileFailsEveryTestWithTheCompilersWords() {
        List<GoldenRerun.Failure> failures = GoldenRerun.run("cpp", "int main( {", SUM_TESTS, work.resolve("broken"));

        assertThat(failures).hasSize(2);
        assertThat(failures.get(0).actual()).startsWith("(does not compile:").contains("error");
    }

    @Test
    void pythonLeetCodeStyleCodeRunsThroughTheVerifiersHarness() {
        String truth = "{\"signature\": {\"className\": \"Solution\", \"methodName\": \"add\", \"parameters\": "
                + "[{\"name\": \"a\", \"type\": \"int\"}, {\"name\": \"b\", \"type\": \"int\"}], \"returnType\": \"int\"},"
                + " \"inputs\": [\"a = 1, b = 2\\n\"], \"outputs\": [\"3\"]}";
        String code = "class Solution:\n    def add(self, a, b):\n        return a + b\n";

        assertThat(GoldenRerun.run("python", code, truth, work.resolve("leetcode"))).isEmpty();
    }

    @Test
    void aLanguageItCannotRunIsNamed() {
        assertThat(GoldenRerun.runs("java")).isFalse();
        assertThat(GoldenRerun.runs("C++")).isTrue();
        assertThat(GoldenRerun.runs("python3")).isTrue();
    }
}
