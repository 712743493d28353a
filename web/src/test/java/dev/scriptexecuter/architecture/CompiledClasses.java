package dev.scriptexecuter.architecture;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The classes the architecture tests read, imported once for all of them:
 * the core's (the ejb module) and both modules' together.
 */
final class CompiledClasses {

    static final String ROOT = "dev.scriptexecuter";

    private static final String WEB_MODULE = "/web/target/classes";

    /** The core's classes, wherever the build put them (the module's folder or its jar). */
    static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(location -> location.contains("ses-ejb") || location.contains("/ejb/target/classes"))
            .importPackages(ROOT);

    /** Both modules' classes, the web module's as this build compiled them. */
    static final JavaClasses ALL = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(location -> location.contains("ses-ejb") || location.contains("/ejb/target/classes")
                    || location.contains(WEB_MODULE))
            .importPackages(ROOT);

    private CompiledClasses() {
    }

    /** The component a class belongs to: the package segment after the root ({@code script}, {@code execution}). */
    static String componentOf(String packageName) {
        String rest = packageName.startsWith(ROOT + ".") ? packageName.substring(ROOT.length() + 1) : "";
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }

    /** Whether the web module compiled the class (rather than the core). */
    static boolean inWebModule(JavaClass type) {
        return type.getSource().map(source -> source.getUri().toString().contains(WEB_MODULE)).orElse(false);
    }
}
