package dev.scriptexecuter.python.boundary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.scriptexecuter.infrastructure.RequestRejected;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequirementsTest {

    @Test
    void packagesWithVersionsExtrasAndMarkersAreNormalisedAndSorted() {
        Requirements requirements = Requirements.parse("""
                # tools we need
                Requests[Socks, security] >= 2.31 , <3   # the HTTP client

                python_dateutil==2.9.0; python_version >= "3.8"
                numpy ~= 1.26 \\
                  ; sys_platform == 'linux'
                attrs
                """, false);

        assertThat(requirements.packages()).containsExactly(
                "attrs",
                "numpy~=1.26; sys_platform == 'linux'",
                "python-dateutil==2.9.0; python_version >= \"3.8\"",
                "requests[security,socks]>=2.31,<3");
        assertThat(requirements.hash()).hasSize(64).matches("[0-9a-f]+");
    }

    @Test
    void requirementsThatMeanTheSameHaveTheSameHash() {
        Requirements a = Requirements.parse("Foo_Bar==1.0\nbaz\n", false);
        Requirements b = Requirements.parse("# same packages\nbaz\r\n\r\nfoo.bar == 1.0\nbaz\n", false);
        Requirements other = Requirements.parse("foo-bar==1.1\nbaz\n", false);

        assertThat(b.hash()).isEqualTo(a.hash());
        assertThat(other.hash()).isNotEqualTo(a.hash());
        assertThat(a.text()).isEqualTo("baz\nfoo-bar==1.0\n");
    }

    @Test
    void onlyCommentsAndBlankLinesNameNoPackage() {
        assertThat(Requirements.parse("\n# nothing yet\n   \n", false)).isNull();
        assertThat(Requirements.parse(null, false)).isNull();
    }

    @Test
    void hashOptionsMayFollowARequirement() {
        Requirements requirements = Requirements.parse("six==1.16.0 --hash=sha256:ABCDEF0123", false);
        assertThat(requirements.packages()).containsExactly("six==1.16.0 --hash=sha256:abcdef0123");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "-e git+https://example.org/repo.git#egg=evil",
            "--index-url https://evil.example/simple",
            "--extra-index-url https://evil.example/simple",
            "--find-links /tmp/wheels",
            "-f https://evil.example/wheels",
            "-i https://evil.example/simple",
            "-r other.txt",
            "-c constraints.txt",
            "--requirement=other.txt",
            "--trusted-host evil.example",
            "./local/package",
            "/tmp/package.whl",
            "../elsewhere",
            "~/pkg",
            "package-1.0-py3-none-any.whl",
            "pkg @ file:///tmp/pkg.whl",
            "git+https://example.org/repo.git",
            "https://example.org/pkg-1.0.tar.gz",
            "pkg @ https://example.org/pkg-1.0.tar.gz",
            "requests --install-option=--prefix=/",
            "requests --global-option=build_ext",
            "requests==",
            "requests = 1.0",
            "requests==1.0; os.system('x')",
            "$(curl evil)",
    })
    void refusedLinesNameTheirLine(String line) {
        RequestRejected refused = catchThrowableOfType(RequestRejected.class,
                () -> Requirements.parse("# first line\nsix==1.16.0\n" + line + "\nattrs\n", false));

        assertThat(refused).as(line).isNotNull();
        assertThat(refused.reason()).isEqualTo(RequestRejected.Reason.INVALID);
        assertThat(refused.getMessage()).startsWith("requirements.txt line 3 (").contains(line.strip());
        assertThat(refused.details()).containsEntry("line", 3).containsEntry("field", "requirements");
    }

    @Test
    void directUrlsAreAllowedOnlyWhenConfigured() {
        assertThat(Requirements.parse("pkg @ https://example.org/pkg-1.0.tar.gz", true).packages())
                .containsExactly("pkg @ https://example.org/pkg-1.0.tar.gz");
        assertThat(Requirements.parse("git+https://example.org/repo.git#egg=pkg", true).packages())
                .containsExactly("git+https://example.org/repo.git#egg=pkg");
        assertThatThrownBy(() -> Requirements.parse("pkg @ file:///tmp/pkg.whl", true))
                .hasMessageContaining("local paths");
        assertThatThrownBy(() -> Requirements.parse("-e git+https://example.org/repo.git", true))
                .hasMessageContaining("pip options");
    }

    @Test
    void theMessageSaysWhatToDoInstead() {
        assertThatThrownBy(() -> Requirements.parse("--index-url https://evil.example/simple", false))
                .hasMessageContaining("'--index-url'").hasMessageContaining("server's configuration");
        assertThatThrownBy(() -> Requirements.parse("pkg @ https://example.org/x.tar.gz", false))
                .hasMessageContaining("ses.env.allow-direct-urls");
    }
}
