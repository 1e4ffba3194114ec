package dev.migrations.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.migrations.sample.PromQlReferences.Matcher;
import dev.migrations.sample.PromQlReferences.Selector;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The scanner behind {@link MonitoringQueriesMatchTheMetersTests}, and the check itself against a
 * small scrape: a misspelt meter, tag or tag value is reported, so the real test can fail.
 */
class PromQlReferencesTests {
    private static final String SCRAPE = """
            # HELP migrations_pending Revisions pending for the target (NaN while unknown)
            # TYPE migrations_pending gauge
            migrations_pending{datasource="dataSource"} 0.0
            migrations_tenants{datasource="dataSource",state="failed"} 0.0
            migrations_tenants{datasource="dataSource",state="pending"} 0.0
            migrations_tenants{datasource="dataSource",state="skipped"} 0.0
            migrations_run_seconds_count{datasource="dataSource",direction="upgrade",outcome="failure"} 0
            migrations_info{current="a\\"b",datasource="dataSource",head="c7e2a94f1d60"} 1
            jvm_threads_live_threads 21.0
            """;

    private final ExportedMeters meters = ExportedMeters.parse(SCRAPE);

    @Test
    void theScrapeGivesEachSeriesItsLabelsAndValues() {
        assertThat(meters.names())
                .containsExactly(
                        "jvm_threads_live_threads",
                        "migrations_info",
                        "migrations_pending",
                        "migrations_run_seconds_count",
                        "migrations_tenants");
        assertThat(meters.problems("migrations_info{current=\"a\\\"b\"}")).isEmpty();
    }

    @Test
    void selectorsGroupingLabelsAndMatchersAreFound() {
        PromQlReferences references = PromQlReferences.of(
                "sum by (datasource, state) (migrations_tenants{state=~\"pending|skipped\", datasource=~\"$datasource\"})"
                        + " / on (datasource) group_left migrations_pending offset 5m > bool 0");
        assertThat(references.selectors())
                .containsExactly(
                        new Selector(
                                "migrations_tenants",
                                List.of(
                                        new Matcher("state", "=~", "pending|skipped"),
                                        new Matcher("datasource", "=~", "$datasource"))),
                        new Selector("migrations_pending", List.of()));
        assertThat(references.groupingLabels()).containsExactlyInAnyOrder("datasource", "state");
    }

    @Test
    void functionsRangesNumbersStringsAndGrafanaVariablesAreNotMeters() {
        PromQlReferences references = PromQlReferences.of(
                "max(time() - migrations_last_run_timestamp_seconds{instance=~\"${instance:regex}\"}) * 1e3"
                        + " + sum(increase(migrations_run_seconds_count{outcome='failure'}[$__rate_interval]))"
                        + " or label_replace(vector(0), \"x\", \"a_b\", \"\", \"\")");
        assertThat(references.metrics())
                .containsExactly("migrations_last_run_timestamp_seconds", "migrations_run_seconds_count");
        assertThat(references.groupingLabels()).isEmpty();
    }

    @Test
    void grafanaLabelValuesNamesAMeterAndALabel() {
        PromQlReferences references =
                PromQlReferences.of("label_values(migrations_info{datasource=~\"$datasource\"}, instance)");
        assertThat(references.metrics()).containsExactly("migrations_info");
        assertThat(references.groupingLabels()).containsExactly("instance");
        assertThat(meters.problems("label_values(migrations_info, datasource)")).isEmpty();
        assertThat(meters.problems("label_values(migrations_info, dataSource)"))
                .singleElement()
                .asString()
                .contains("dataSource");
    }

    @Test
    void aMisspeltMeterIsReported() {
        assertThat(meters.problems("migrations_pendng > 0"))
                .singleElement()
                .asString()
                .contains("migrations_pendng is not exported", "migrations_pending");
        assertThat(meters.problems("migrations_pending > 0")).isEmpty();
    }

    @Test
    void aMisspeltTagOrTagValueIsReported() {
        assertThat(meters.problems("migrations_tenants{states=\"failed\"} > 0"))
                .singleElement()
                .asString()
                .contains("no label states");
        assertThat(meters.problems("migrations_tenants{state=\"fail\"} > 0"))
                .singleElement()
                .asString()
                .contains("state=\"fail\"");
        assertThat(meters.problems("migrations_tenants{state=~\"pending|skiped\"}"))
                .singleElement()
                .asString()
                .contains("state=\"skiped\"");
        assertThat(meters.problems("migrations_tenants{state=~\"fail.*\"}")).isEmpty();
        assertThat(meters.problems("migrations_tenants{state=~\"fial.*\"}")).hasSize(1);
        assertThat(meters.problems("sum by (stat) (migrations_tenants)"))
                .singleElement()
                .asString()
                .contains("stat");
    }

    @Test
    void templateVariablesAndPrometheusTargetLabelsAreAccepted() {
        assertThat(meters.problems(
                        "migrations_tenants{state=\"failed\",datasource=~\"$datasource\",instance=~\"$instance\",job=\"x\"}"
                                + " and on (instance, job) migrations_pending"))
                .isEmpty();
    }

    @Test
    void malformedExpressionsAreRejectedNotSkipped() {
        assertThatIllegalArgumentException().isThrownBy(() -> PromQlReferences.of("migrations_pending{state=\"x\""));
        assertThatIllegalArgumentException().isThrownBy(() -> PromQlReferences.of("migrations_pending{state}"));
        assertThatIllegalArgumentException().isThrownBy(() -> PromQlReferences.of("{__name__=\"migrations_pending\"}"));
        assertThatIllegalArgumentException().isThrownBy(() -> PromQlReferences.of("sum by (state migrations_tenants"));
    }
}
