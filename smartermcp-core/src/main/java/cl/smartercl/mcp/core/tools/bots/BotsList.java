package cl.smartercl.mcp.core.tools.bots;

import java.time.Instant;
import java.util.List;

/** Contract of {@code bots_list}. */
public final class BotsList {

	private BotsList() {
	}

	public record Input() {
	}

	public record Output(List<Bot> bots, int count) {
	}

	public record Bot(String id, String name, String status, Instant deployedAt, Instant updatedAt) {
	}

}
