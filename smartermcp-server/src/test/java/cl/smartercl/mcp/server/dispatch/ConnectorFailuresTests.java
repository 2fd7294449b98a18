package cl.smartercl.mcp.server.dispatch;

import java.net.ConnectException;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;
import reactor.core.Exceptions;

import cl.smartercl.mcp.core.error.BackendException;
import cl.smartercl.mcp.core.error.ServiceUnavailableException;
import cl.smartercl.mcp.core.error.ToolException;
import cl.smartercl.mcp.core.tools.infrastructure.InfrastructureTools;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a connector lets escape becomes a failure of the error family naming the tool's
 * backend; failures that arrive together (a composite from calls made side by side) are
 * read through to the first one the family knows.
 */
class ConnectorFailuresTests {

	@Test
	void aFailureOfTheFamilyIsKeptAsItIs() {
		ServiceUnavailableException refused = new ServiceUnavailableException("prometheus",
				"cannot connect to Prometheus at 127.0.0.1:9 (connection refused)");

		assertThat(ConnectorFailures.map(InfrastructureTools.INFRA_METRICS, "r1", refused)).isSameAs(refused);
	}

	@Test
	void twoRefusalsThatArriveTogetherAreStillARefusal() {
		// what flatMap hands on when two of its inner calls fail before it terminates
		// (a CI run once met it: infra_metrics asked Prometheus two queries, both refused
		// at
		// the same moment, and answered "failed unexpectedly")
		ServiceUnavailableException first = new ServiceUnavailableException("prometheus",
				"cannot connect to Prometheus at 127.0.0.1:9 (connection refused)");
		ServiceUnavailableException second = new ServiceUnavailableException("prometheus",
				"cannot connect to Prometheus at 127.0.0.1:9 (connection refused)");
		RuntimeException composite = Exceptions.multiple(first, second);
		assertThat(Exceptions.isMultiple(composite)).isTrue();

		ToolException mapped = ConnectorFailures.map(InfrastructureTools.INFRA_METRICS, "r1", composite);

		assertThat(mapped).isSameAs(first);
		assertThat(mapped.getMessage()).contains("Service 'prometheus'").contains("cannot connect to");
	}

	@Test
	void aCompositeOfUnmappedFailuresIsMappedByItsFirst() {
		RuntimeException composite = Exceptions.multiple(new ConnectException("Connection refused"),
				new IllegalStateException("later"));

		ToolException mapped = ConnectorFailures.map(InfrastructureTools.INFRA_METRICS, "r1", composite);

		assertThat(mapped).isInstanceOf(ServiceUnavailableException.class);
		assertThat(mapped.getMessage()).contains("Service 'docker'").contains("cannot reach it");
	}

	@Test
	void theFamilyMemberInACompositeWinsOverAnUnmappedOne() {
		BackendException answered = new BackendException("prometheus", "range query failed (HTTP 500)");
		RuntimeException composite = Exceptions.multiple(new TimeoutException(), answered);

		assertThat(ConnectorFailures.map(InfrastructureTools.INFRA_METRICS, "r1", composite)).isSameAs(answered);
	}

	@Test
	void anythingElseIsABackendFailureWithTheReferenceToQuote() {
		ToolException mapped = ConnectorFailures.map(InfrastructureTools.INFRA_METRICS, "r-42",
				new IllegalStateException("boom"));

		assertThat(mapped).isInstanceOf(BackendException.class);
		assertThat(mapped.getMessage()).contains("Service 'docker'").contains("reference r-42").doesNotContain("boom");
	}

}
