package cl.smartercl.mcp.connectors.chatwoot;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import cl.smartercl.mcp.core.error.BackendException;
import cl.smartercl.mcp.core.tools.support.SupportMetrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The mapping rules the double's seed does not reach: times in words, report value forms,
 * odd values.
 */
class ChatwootMapperTests {

	@Test
	void secondsReadInWords() {
		assertThat(ChatwootMapper.human(null)).isNull();
		assertThat(ChatwootMapper.human(45.4)).isEqualTo("45 s");
		assertThat(ChatwootMapper.human(200.0)).isEqualTo("3 min 20 s");
		assertThat(ChatwootMapper.human(600.0)).isEqualTo("10 min");
		assertThat(ChatwootMapper.human(3900.0)).isEqualTo("1 h 5 min");
		assertThat(ChatwootMapper.human(187_200.0)).isEqualTo("2 d 4 h");
	}

	@Test
	void reportAveragesAreStringsNumbersOrNull() {
		JsonNode summary = ChatwootApi.JSON.readTree("""
				{"conversations_count": 10, "avg_first_response_time": "312.456", "avg_resolution_time": null,
				 "previous": {"conversations_count": 8, "avg_first_response_time": 400}}""");
		SupportMetrics.Time first = ChatwootMapper.time(summary, "avg_first_response_time");
		assertThat(first.seconds()).isEqualTo(312.5);
		assertThat(first.previousSeconds()).isEqualTo(400.0);
		assertThat(first.previousHuman()).isEqualTo("6 min 40 s");
		assertThat(ChatwootMapper.time(summary, "avg_resolution_time").seconds()).isNull();
		SupportMetrics.Count count = ChatwootMapper.count(summary, "conversations_count");
		assertThat(count).isEqualTo(new SupportMetrics.Count(10, 8, 25.0));
		assertThatThrownBy(() -> ChatwootMapper.count(summary, "resolutions_count"))
			.isInstanceOf(BackendException.class)
			.hasMessageContaining("incomplete answer");
	}

	@Test
	void csatIsFourAndFiveAmongResponses() {
		JsonNode current = ChatwootApi.JSON.readTree(
				"""
						{"total_count": 8, "ratings_count": {"1": 1, "3": 1, "4": 2, "5": 4}, "total_sent_messages_count": 20}""");
		JsonNode none = ChatwootApi.JSON
			.readTree("{\"total_count\": 0, \"ratings_count\": {}, \"total_sent_messages_count\": 0}");
		SupportMetrics.Csat csat = ChatwootMapper.csat(current, none);
		assertThat(csat.scorePercent()).isEqualTo(75.0);
		assertThat(csat.responseRatePercent()).isEqualTo(40.0);
		assertThat(csat.previousScorePercent()).isNull();
		assertThat(csat.previousResponseRatePercent()).isNull();
	}

	@Test
	void theSwaggersAvailableIsReadAsOnline() {
		assertThat(ChatwootMapper.availability("available")).isEqualTo("online");
		assertThat(ChatwootMapper.availability("busy")).isEqualTo("busy");
		assertThat(ChatwootMapper.availability(null)).isEqualTo("offline");
	}

}
