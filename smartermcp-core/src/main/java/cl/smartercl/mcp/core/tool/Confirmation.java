package cl.smartercl.mcp.core.tool;

import java.util.Objects;
import java.util.function.Function;

import reactor.core.publisher.Mono;

/**
 * How a destructive call asks the person behind the client whether it may run.
 * Era-neutral: on the 2025 MCP revisions it is an elicitation on the call's stream, on a
 * stateless revision an input-required answer the client completes with its next request,
 * over REST nothing (the caller holds a scoped token and asked for the call itself).
 */
public interface Confirmation {

	/**
	 * Whether the client can be asked at all (e.g. it declared the MCP elicitation
	 * capability).
	 */
	boolean canAsk();

	/**
	 * Asks whether the call described by {@code request} may run. Only called when
	 * {@link #canAsk()}.
	 * @return the person's answer
	 */
	Mono<Answer> ask(Request request);

	/** What the person answered. */
	enum Answer {

		/** Yes, run it. */
		CONFIRMED,

		/** No, do not run it. */
		DECLINED,

		/** Dismissed without choosing (closed the dialog); the call does not run. */
		CANCELLED

	}

	/**
	 * What will happen, shown to the person before they answer.
	 *
	 * @param tool the tool's name
	 * @param target what it acts on, e.g. {@code service 'n8n'}
	 * @param effect what it will do, in a sentence
	 */
	record Request(String tool, String target, String effect) {

		public Request {
			Objects.requireNonNull(tool, "tool");
			Objects.requireNonNull(target, "target");
			Objects.requireNonNull(effect, "effect");
		}

		/** The question as one text. */
		public String message() {
			return "Run " + this.tool + " on " + this.target + "? " + this.effect;
		}

	}

	/** A client that can be asked, each request through {@code ask}. */
	static Confirmation asking(Function<Request, Mono<Answer>> ask) {
		return new Confirmation() {

			@Override
			public boolean canAsk() {
				return true;
			}

			@Override
			public Mono<Answer> ask(Request request) {
				return ask.apply(request);
			}

		};
	}

	/** A client that cannot be asked. */
	Confirmation UNAVAILABLE = new Confirmation() {

		@Override
		public boolean canAsk() {
			return false;
		}

		@Override
		public Mono<Answer> ask(Request request) {
			return Mono.error(new IllegalStateException("the client cannot be asked to confirm"));
		}

	};

}
