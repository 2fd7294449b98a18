package cl.smartercl.mcp.connectors.codegen;

import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import cl.smartercl.mcp.core.error.BackendException;
import cl.smartercl.mcp.core.error.ServiceUnavailableException;
import cl.smartercl.mcp.core.tool.ClientChannel;
import cl.smartercl.mcp.core.tools.codegen.GenerateBotpressSkill;

import static org.assertj.core.api.Assertions.assertThat;

class BotpressSkillGeneratorTests {

	private final BotpressSkillGenerator generator = new BotpressSkillGenerator();

	/** A client whose model answers with a fixed text and records what it was asked. */
	private static ClientChannel model(String answer, AtomicReference<String> asked) {
		return new ClientChannel() {
			@Override
			public Mono<Void> progress(double progress, Double total, String message) {
				return Mono.empty();
			}

			@Override
			public Mono<Void> info(String logger, String message) {
				return Mono.empty();
			}

			@Override
			public boolean canSample() {
				return true;
			}

			@Override
			public Mono<String> sample(String systemPrompt, String userMessage, int maxTokens) {
				asked.set(systemPrompt + "\n" + userMessage);
				return Mono.just(answer);
			}
		};
	}

	@Test
	void aWellFormedAnswerBecomesTheSkill() {
		AtomicReference<String> asked = new AtomicReference<>();
		String answer = """
				```json
				{"name": "order-status", "files": [
				  {"path": "actions/order-status.js", "content": "const id = args.orderId;\\nconst r = await axios.get(`https://shop.example/orders/${id}`);\\ntemp.status = r.data.status;"},
				  {"path": "README.md", "content": "Looks up an order's status."}]}
				```""";
		StepVerifier.create(this.generator.generate(new GenerateBotpressSkill.Input("look up an order status"),
				model(answer, asked)))
			.assertNext((out) -> {
				assertThat(out.name()).isEqualTo("order-status");
				assertThat(out.source()).isEqualTo("sampling");
				assertThat(out.files()).extracting((f) -> f.path()).containsExactly("actions/order-status.js", "README.md");
			})
			.verifyComplete();
		assertThat(asked.get()).contains("look up an order status").contains("Botpress");
	}

	@Test
	void unusableAnswersAreRejectedWithTheReason() {
		assertRejected("not json at all", "not JSON");
		assertRejected("{\"name\":\"Bad Name\",\"files\":[]}", "kebab-case");
		assertRejected("{\"name\":\"x-skill\",\"files\":[{\"path\":\"../etc/passwd.js\",\"content\":\"x\"}]}", "not a relative");
		assertRejected("{\"name\":\"x-skill\",\"files\":[{\"path\":\"run.sh\",\"content\":\"rm -rf /\"}]}", "not a relative");
		assertRejected("{\"name\":\"x-skill\",\"files\":[{\"path\":\"README.md\",\"content\":\"only docs\"}]}", "no .js or .ts");
		assertRejected("{\"name\":\"x-skill\",\"files\":[{\"path\":\"a.js\",\"content\":\"\"}]}", "no content");
	}

	@Test
	void withoutSamplingTheToolSaysItIsUnavailable() {
		StepVerifier.create(this.generator.generate(new GenerateBotpressSkill.Input("anything"), ClientChannel.NONE))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(ServiceUnavailableException.class)
				.hasMessageContaining("sampling"))
			.verify();
	}

	private void assertRejected(String answer, String reason) {
		StepVerifier.create(this.generator.generate(new GenerateBotpressSkill.Input("x"), model(answer, new AtomicReference<>())))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(BackendException.class).hasMessageContaining(reason))
			.verify();
	}

}
