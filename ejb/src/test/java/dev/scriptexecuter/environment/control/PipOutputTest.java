package dev.scriptexecuter.environment.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scriptexecuter.environment.control.BuildFailure.Cause;
import org.junit.jupiter.api.Test;

/** pip's output as pip 23 and 24 print it (captured on this machine), each read into the cause an operator needs. */
class PipOutputTest {

    private static final String PIP = "$ …/builds/abc/bin/python -I -m pip install --isolated --no-input"
            + " --index-url https://pypi.org/simple --requirement …/builds/abc/requirements.txt\n";

    private static String retrying(String error) {
        StringBuilder lines = new StringBuilder();
        for (int left = 4; left >= 0; left--) {
            lines.append("WARNING: Retrying (Retry(total=").append(left).append(", connect=None, read=None,"
                    + " redirect=None, status=None)) after connection broken by 'NewConnectionError('<pip._vendor"
                    + ".urllib3.connection.HTTPSConnection object at 0x7f0f36118290>: Failed to establish a new"
                    + " connection: ").append(error).append("')': /simple/six/\n");
        }
        return lines.toString();
    }

    private static final String NOT_FOUND = """
            ERROR: Could not find a version that satisfies the requirement six==1.16.0 (from versions: none)
            ERROR: No matching distribution found for six==1.16.0
            [exit code 1]
            """;

    @Test
    void anIndexWhoseNameDoesNotResolveIsTheCauseThoughPipEndsWithNoVersion() {
        BuildFailure cut = PipOutput.diagnose(PIP + retrying("[Errno -2] Name or service not known") + NOT_FOUND);

        assertThat(cut.cause()).isEqualTo(Cause.INDEX_UNREACHABLE);
        assertThat(cut.summary()).isEqualTo("The package index could not be reached. pip gave up on"
                + " https://pypi.org/simple after 'Name or service not known' while looking for six==1.16.0.");
    }

    @Test
    void refusedConnectionsTimeoutsProxiesAndCertificatesAreNamedToo() {
        assertThat(PipOutput.diagnose(PIP + retrying("[Errno 111] Connection refused") + NOT_FOUND).summary())
                .contains("after 'Connection refused'");
        assertThat(PipOutput.diagnose(PIP + retrying("[Errno -3] Temporary failure in name resolution") + NOT_FOUND)
                .summary()).contains("after 'Temporary failure in name resolution'");
        assertThat(PipOutput.diagnose(PIP + "WARNING: Retrying (Retry(total=4, connect=None, read=None, redirect=None,"
                + " status=None)) after connection broken by 'ConnectTimeoutError(<pip._vendor.urllib3.connection"
                + ".HTTPSConnection object at 0x7f>, 'Connection to pypi.org timed out. (connect timeout=15)')':"
                + " /simple/six/\n" + NOT_FOUND).summary()).contains("after 'the connection timed out'");
        assertThat(PipOutput.diagnose(PIP + "WARNING: Retrying (Retry(total=4)) after connection broken by"
                + " 'ProxyError('Cannot connect to proxy.', OSError('Tunnel connection failed: 403 Forbidden'))':"
                + " /simple/six/\n" + NOT_FOUND).summary()).contains("'the proxy failed or refused the connection'");
        assertThat(PipOutput.diagnose(PIP + "WARNING: Retrying (Retry(total=4)) after connection broken by"
                + " 'SSLError(SSLCertVerificationError(1, '[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify"
                + " failed: self-signed certificate in certificate chain (_ssl.c:1006)'))': /simple/six/\n"
                + "Could not fetch URL https://pypi.org/simple/six/: There was a problem confirming the ssl"
                + " certificate - skipping\n" + NOT_FOUND).summary())
                .contains("'its TLS certificate could not be verified'");
    }

    @Test
    void aVersionTheReachableIndexDoesNotHaveIsAMissingVersionNamingThoseItHas() {
        BuildFailure cut = PipOutput.diagnose("""
                Looking in indexes: http://127.0.0.1:8765/simple
                ERROR: Could not find a version that satisfies the requirement sesit==3.0 (from versions: 1.0, 2.0)
                ERROR: No matching distribution found for sesit==3.0
                """);

        assertThat(cut.summary()).isEqualTo("The package index has no version that matches a requirement."
                + " No version matches sesit==3.0; the versions there: 1.0, 2.0.");
    }

    @Test
    void aPackageTheReachableIndexDoesNotKnowIsAMissingPackage() {
        BuildFailure cut = PipOutput.diagnose("""
                Looking in indexes: http://127.0.0.1:8765/simple
                ERROR: Could not find a version that satisfies the requirement nothere-pkg==1.0 (from versions: none)
                ERROR: No matching distribution found for nothere-pkg==1.0
                """);

        assertThat(cut.cause()).isEqualTo(Cause.NO_SUCH_PACKAGE);
        assertThat(cut.summary()).startsWith("A required package was not found in the package sources. Nothing was"
                + " found for nothere-pkg==1.0 in http://127.0.0.1:8765/simple");
    }

    @Test
    void anInvalidLineIsQuotedWithoutTheServersPath() {
        BuildFailure cut = PipOutput.diagnose(PIP + "ERROR: Invalid requirement: 'sesit==3.0 x' (from line 1 of"
                + " /srv/ses/work/environments/builds/abc-1f/requirements.txt)\n[exit code 1]\n");

        assertThat(cut.summary()).isEqualTo("pip refused a line of requirements.txt. It said: Invalid requirement:"
                + " 'sesit==3.0 x' (from line 1 of requirements.txt).");
    }

    @Test
    void aFailedCompilationNamesThePackageAndTheCompilersFirstError() {
        BuildFailure cut = PipOutput.diagnose(PIP + """
                Collecting sesit-native==1.0
                  Downloading sesit-native-1.0.tar.gz (2 kB)
                Building wheels for collected packages: sesit-native
                  Building wheel for sesit-native (pyproject.toml): started
                  Building wheel for sesit-native (pyproject.toml): finished with status 'error'
                  error: subprocess-exited-with-error

                  × Building wheel for sesit-native (pyproject.toml) did not run successfully.
                  │ exit code: 1
                  ╰─> [8 lines of output]
                      running build_ext
                      building 'sesit_native' extension
                      gcc -pthread -fPIC -I/usr/include/python3.11 -c native.c -o build/native.o
                      native.c:1:13: error: expected declaration specifiers or '...' before '{' token
                      error: command '/usr/bin/gcc' failed with exit code 1
                      [end of output]

                  note: This error originates from a subprocess, and is likely not a problem with pip.
                  ERROR: Failed building wheel for sesit-native
                Failed to build sesit-native
                ERROR: Could not build wheels for sesit-native, which is required to install pyproject.toml-based projects
                [exit code 1]
                """);

        assertThat(cut.summary()).isEqualTo("A package failed to build from its source. The build of sesit-native"
                + " stopped with: native.c:1:13: error: expected declaration specifiers or '...' before '{' token.");
    }

    @Test
    void failedMetadataGenerationIsABuildFailureToo() {
        BuildFailure cut = PipOutput.diagnose(PIP + """
                Processing ./cpkg
                  Preparing metadata (pyproject.toml): started
                  Preparing metadata (pyproject.toml): finished with status 'error'
                  error: subprocess-exited-with-error

                  × Preparing metadata (pyproject.toml) did not run successfully.
                  │ exit code: 1
                  ╰─> [2 lines of output]
                      running dist_info
                      error: invalid command 'bdist_wheel'
                      [end of output]

                  note: This error originates from a subprocess, and is likely not a problem with pip.
                error: metadata-generation-failed
                """);

        assertThat(cut.summary()).isEqualTo("A package failed to build from its source. The build of ./cpkg stopped"
                + " with: error: invalid command 'bdist_wheel'.");
    }

    @Test
    void theTimeLimitADiskFullAndAVenvThatCouldNotBeMadeAreSaidAsSuch() {
        assertThat(PipOutput.diagnose(PIP + retrying("timed out") + "[the installation took longer than its time"
                + " limit (setting ses.env.install-timeout) and was killed]\n").cause()).isEqualTo(Cause.TIMED_OUT);
        assertThat(PipOutput.diagnose(PIP + "ERROR: Could not install packages due to an OSError: [Errno 28] No space"
                + " left on device\n").summary()).startsWith("The server ran out of disk space while installing.");
        assertThat(PipOutput.diagnose("$ /usr/bin/python3 -I -m venv …/builds/abc\nError: Command '['…/bin/python3',"
                + " '-m', 'ensurepip', '--upgrade', '--default-pip']' returned non-zero exit status 1.\n[exit code 1]\n")
                .summary()).startsWith("The virtualenv could not be created. It said: Error: Command");
    }

    @Test
    void conflictsAndHashMismatchesAreNamed() {
        assertThat(PipOutput.diagnose(PIP + "ERROR: Cannot install a==1.0 and b==2.0 because these package versions"
                + " have conflicting dependencies.\nERROR: ResolutionImpossible: for help visit https://pip.pypa.io\n")
                .summary()).isEqualTo("The requirements conflict with each other. It said: Cannot install a==1.0 and"
                + " b==2.0 because these package versions have conflicting dependencies.");
        assertThat(PipOutput.diagnose(PIP + "ERROR: THESE PACKAGES DO NOT MATCH THE HASHES FROM THE REQUIREMENTS FILE.\n"
                + "    six==1.16.0 from https://files.example/six-1.16.0-py2.py3-none-any.whl:\n"
                + "        Expected sha256 0000\n             Got        8abb\n").cause()).isEqualTo(Cause.HASH_MISMATCH);
    }

    @Test
    void anythingElseFallsBackToPipsLastErrorLine() {
        BuildFailure cut = PipOutput.diagnose(PIP + "Collecting six==1.16.0\nERROR: Something new went wrong\n"
                + "[exit code 1]\n");

        assertThat(cut.summary()).isEqualTo("pip could not install the requirements. It said: Something new went"
                + " wrong.");
        assertThat(PipOutput.diagnose(null).summary()).isEqualTo("pip could not install the requirements.");
    }
}
