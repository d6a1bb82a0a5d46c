package org.latentspark.jobs.architecture;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The direction of flow in jobs/, from the command line down to the metrics: cli → benchmark → steps → the
 * modalities (image, neural, text) → their contract (modality) → training, inference, baselines, spark, report. A
 * dependency that runs back up, or between two modalities, fails here with the classes that make it.
 */
class DependencyRulesTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.latentspark.jobs");
    }

    @Test
    void dependenciesRunDownFromTheCommandLineToTheMetrics() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("cli").definedBy("..jobs.cli..")
                .layer("benchmark").definedBy("..jobs.benchmark..")
                .layer("steps").definedBy("..jobs.steps..")
                .layer("modalities").definedBy("..jobs.image..", "..jobs.neural..", "..jobs.text..")
                .layer("contract").definedBy("..jobs.modality..")
                .layer("core").definedBy("..jobs.training..", "..jobs.inference..", "..jobs.baselines..",
                        "..jobs.spark..", "..jobs.report..")
                .whereLayer("cli").mayNotBeAccessedByAnyLayer()
                .whereLayer("benchmark").mayOnlyBeAccessedByLayers("cli")
                .whereLayer("steps").mayOnlyBeAccessedByLayers("cli", "benchmark")
                .whereLayer("modalities").mayOnlyBeAccessedByLayers("steps")
                .whereLayer("contract").mayOnlyBeAccessedByLayers("cli", "benchmark", "steps", "modalities")
                .whereLayer("core").mayOnlyBeAccessedByLayers("cli", "benchmark", "steps", "modalities", "contract")
                .check(classes);
    }

    @Test
    void noModalityUsesAnother() {
        slices().matching("org.latentspark.jobs.(image|neural|text)..").should().notDependOnEachOther()
                .check(classes);
    }

    @Test
    void theCorePackagesDoNotFormCycles() {
        slices().matching("org.latentspark.jobs.(training|inference|baselines|spark|report)..").should()
                .beFreeOfCycles()
                .check(classes);
    }
}
