package cl.smartercl.mcp.core.tool;

import reactor.core.publisher.Mono;

/**
 * What a tool may say back to the caller while it runs, and ask of it. Over MCP this is
 * the call's stream (progress and logging notifications, sampling when the client offers
 * it); over REST it is a server-sent-event stream when the caller asked for one, and
 * otherwise nothing. Log lines carry a {@link LogLevel}; each channel sends those at or
 * above the level its caller asked for.
 */
public interface ClientChannel {

	/**
	 * Reports progress; values must increase. Does nothing when the caller gave no
	 * progress token.
	 */
	Mono<Void> progress(double progress, Double total, String message);

	/**
	 * Sends one log line (e.g. a line of a followed container log, a step of a deploy)
	 * when the caller asked for lines of that level; otherwise does nothing.
	 * @param level the line's severity
	 * @param logger what the line is from (the tool's name)
	 */
	Mono<Void> log(LogLevel level, String logger, String message);

	/**
	 * Whether {@link #sample} can be used: the MCP client declared the sampling
	 * capability.
	 */
	boolean canSample();

	/**
	 * Asks the client's model for a completion.
	 * @return the model's text
	 */
	Mono<String> sample(String systemPrompt, String userMessage, int maxTokens);

	/**
	 * How to ask the person behind the client to confirm a destructive call;
	 * {@link Confirmation#UNAVAILABLE} unless the transport can ask.
	 */
	default Confirmation confirmation() {
		return Confirmation.UNAVAILABLE;
	}

	/** A channel that carries nothing, cannot sample and cannot ask for confirmation. */
	ClientChannel NONE = new ClientChannel() {

		@Override
		public Mono<Void> progress(double progress, Double total, String message) {
			return Mono.empty();
		}

		@Override
		public Mono<Void> log(LogLevel level, String logger, String message) {
			return Mono.empty();
		}

		@Override
		public boolean canSample() {
			return false;
		}

		@Override
		public Mono<String> sample(String systemPrompt, String userMessage, int maxTokens) {
			return Mono.error(new IllegalStateException("the client offers no sampling"));
		}

	};

}
