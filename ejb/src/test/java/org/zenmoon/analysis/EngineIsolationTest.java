package org.zenmoon.analysis;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The analysis engines stay plain Java, so that batch jobs, EJBs and the command-line tool share them. */
class EngineIsolationTest {

    @Test
    void enginesUseNoContainerApi() {
        JavaClasses engines = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.zenmoon.analysis");
        noClasses().should().dependOnClassesThat().resideInAnyPackage("jakarta..", "javax.persistence..", "javax.ejb..")
                .because("engines run outside the container too")
                .check(engines);
    }
}
