package cl.smartercl.mcp.connectors.codegen;

import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import cl.smartercl.mcp.core.error.BackendException;
import cl.smartercl.mcp.core.error.ServiceUnavailableException;
import cl.smartercl.mcp.core.tool.ClientChannel;
import cl.smartercl.mcp.core.tools.codegen.GenerateBotpressSkill;

import static org.assertj.core.api.Assertions.assertThat;

class BotpressSkillGeneratorTests {

	private final BotpressSkillGenerator generator = new BotpressSkillGenerator();

	@Test
	void aWellFormedAnswerBecomesTheSkill() {
		String answer = """
				```json
				{"name": "order-status", "files": [
				  {"path": "actions/order-status.js", "content": "const id = args.orderId;\\nconst r = await axios.get(`https://shop.example/orders/${id}`);\\ntemp.status = r.data.status;"},
				  {"path": "README.md", "content": "Looks up an order's status."}]}
				```""";
		ScriptedModel model = ScriptedModel.answering(answer);
		StepVerifier.create(this.generator.generate(new GenerateBotpressSkill.Input("look up an order status"), model))
			.assertNext((out) -> {
				assertThat(out.name()).isEqualTo("order-status");
				assertThat(out.source()).isEqualTo("sampling");
				assertThat(out.files()).extracting((f) -> f.path())
					.containsExactly("actions/order-status.js", "README.md");
			})
			.verifyComplete();
		assertThat(model.requests).singleElement().satisfies((request) -> {
			assertThat(request.userMessage()).contains("look up an order status");
			assertThat(request.systemPrompt()).contains("Botpress");
		});
	}

	@Test
	void unusableAnswersAreRejectedWithTheReason() {
		assertRejected("not json at all", "not JSON");
		assertRejected("{\"name\":\"Bad Name\",\"files\":[]}", "kebab-case");
		assertRejected("{\"name\":\"x-skill\",\"files\":[{\"path\":\"../etc/passwd.js\",\"content\":\"x\"}]}",
				"not a relative");
		assertRejected("{\"name\":\"x-skill\",\"files\":[{\"path\":\"run.sh\",\"content\":\"rm -rf /\"}]}",
				"not a relative");
		assertRejected("{\"name\":\"x-skill\",\"files\":[{\"path\":\"README.md\",\"content\":\"only docs\"}]}",
				"no .js or .ts");
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
		StepVerifier
			.create(this.generator.generate(new GenerateBotpressSkill.Input("x"), ScriptedModel.answering(answer)))
			.expectErrorSatisfies(
					(ex) -> assertThat(ex).isInstanceOf(BackendException.class).hasMessageContaining(reason))
			.verify();
	}

}
