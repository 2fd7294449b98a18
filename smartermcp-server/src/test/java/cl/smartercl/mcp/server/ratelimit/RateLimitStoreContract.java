package cl.smartercl.mcp.server.ratelimit;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import cl.smartercl.mcp.core.auth.Principal;
import cl.smartercl.mcp.core.auth.ScopeSet;
import cl.smartercl.mcp.core.tool.Catalog;
import cl.smartercl.mcp.core.tool.ToolDefinition;
import cl.smartercl.mcp.server.ratelimit.RateLimitProperties.LimitSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link RateLimitStore} must do, written once and run against each store (in
 * memory, Redis): exact sliding windows, the burst bucket, atomic refusal, and the reset
 * times behind the headers.
 */
abstract class RateLimitStoreContract {

	static final long T0 = 1_700_000_000_000L;

	private final Catalog catalog = Catalog.standard();

	private final RateLimitPolicy policy = new RateLimitPolicy(
			new RateLimitProperties(null, null, null, null, null, null), this.catalog);

	/** A store with no state for any subject this test uses. */
	abstract RateLimitStore store();

	private final String subject = "t:" + UUID.randomUUID();

	private List<LimitRule> rules(String tool) {
		ToolDefinition<?, ?> definition = this.catalog.find(tool).orElseThrow();
		return this.policy.rulesFor(new Principal("t", "token", "agent", ScopeSet.all()), definition);
	}

	private List<RuleState> acquire(List<LimitRule> rules, long now) {
		return store().acquire(this.subject, rules, now, UUID.randomUUID().toString()).block(Duration.ofSeconds(5));
	}

	private static boolean allowed(List<RuleState> states) {
		return states.stream().allMatch(RuleState::allowed);
	}

	private static RuleState state(List<RuleState> states, String key) {
		return states.stream().filter((s) -> s.rule().key().equals(key)).findFirst().orElseThrow();
	}

	@Test
	void aWindowNeverHoldsMoreThanItsLimitInAnySixtySeconds() {
		List<LimitRule> rules = List.of(LimitRule.window("crm", "w", 3, 60_000));
		assertThat(allowed(acquire(rules, T0))).isTrue();
		assertThat(allowed(acquire(rules, T0 + 10_000))).isTrue();
		List<RuleState> third = acquire(rules, T0 + 20_000);
		assertThat(allowed(third)).isTrue();
		assertThat(third.get(0).remaining()).isZero();
		assertThat(third.get(0).resetMillis()).as("until the oldest leaves the window").isEqualTo(40_000);

		List<RuleState> refused = acquire(rules, T0 + 59_999);
		assertThat(allowed(refused)).isFalse();
		assertThat(refused.get(0).resetMillis()).isEqualTo(1);
		// at exactly 60 s the first call has left (now - 60 s, now]
		assertThat(allowed(acquire(rules, T0 + 60_000))).isTrue();
		List<RuleState> again = acquire(rules, T0 + 60_001);
		assertThat(allowed(again)).isFalse();
		assertThat(again.get(0).resetMillis()).as("the call at +10 s leaves at +70 s").isEqualTo(9_999);
	}

	@Test
	void theBurstBucketHoldsTwentyAndRefillsAtTheGeneralRate() {
		List<LimitRule> rules = rules("workflows_list");
		for (int i = 0; i < 20; i++) {
			List<RuleState> states = acquire(rules, T0);
			assertThat(allowed(states)).as("call %d", i + 1).isTrue();
			assertThat(state(states, "burst").remaining()).isEqualTo(19 - i);
		}
		List<RuleState> refused = acquire(rules, T0);
		assertThat(allowed(refused)).isFalse();
		assertThat(state(refused, "burst").resetMillis()).as("one token per 600 ms").isEqualTo(600);
		assertThat(allowed(acquire(rules, T0 + 599))).isFalse();
		assertThat(allowed(acquire(rules, T0 + 600))).isTrue();
		assertThat(allowed(acquire(rules, T0 + 600))).isFalse();
	}

	@Test
	void aCallArrivingAfterALaterOneRefillsTheBucketOnlyOnce() {
		List<LimitRule> rules = rules("workflows_list");
		for (int i = 0; i < 20; i++) {
			assertThat(allowed(acquire(rules, T0))).isTrue();
		}
		// two tokens back after 1.2 s; then a call stamped earlier reaches the store
		// (another replica,
		// or a slower thread): it takes the second token but must not turn the bucket's
		// time back
		assertThat(allowed(acquire(rules, T0 + 1200))).isTrue();
		assertThat(allowed(acquire(rules, T0 + 600))).isTrue();
		assertThat(allowed(acquire(rules, T0 + 1200))).as("the 600 ms up to T0 + 1200 were refilled already").isFalse();
		assertThat(allowed(acquire(rules, T0 + 1800))).isTrue();
	}

	@Test
	void aRefusedCallConsumesNothing() {
		List<LimitRule> limited = List.of(LimitRule.window("general", "a", 100, 60_000),
				LimitRule.window("crm", "b", 1, 60_000));
		assertThat(allowed(acquire(limited, T0))).isTrue();
		for (int i = 0; i < 5; i++) {
			List<RuleState> refused = acquire(limited, T0 + 1);
			assertThat(refused.get(0).allowed()).isTrue();
			assertThat(refused.get(1).allowed()).isFalse();
		}
		List<RuleState> general = acquire(List.of(LimitRule.window("general", "a", 100, 60_000)), T0 + 2);
		assertThat(general.get(0).remaining()).as("only the first call and this one counted").isEqualTo(98);
	}

	@Test
	void codegenHasAnHourlyWindowBesideItsMinuteWindow() {
		List<LimitRule> rules = rules("generate_n8n_workflow");
		assertThat(rules).extracting(LimitRule::label).contains("10/min", "100/hour");
		// one call every 6 s keeps the minute window at 10: the hour is what stops the
		// 101st
		for (int i = 0; i < 100; i++) {
			assertThat(allowed(acquire(rules, T0 + i * 6_000L))).as("call %d", i + 1).isTrue();
		}
		List<RuleState> refused = acquire(rules, T0 + 606_000);
		assertThat(allowed(refused)).isFalse();
		assertThat(state(refused, "cat:codegen:60").allowed()).isTrue();
		RuleState hour = state(refused, "cat:codegen:3600");
		assertThat(hour.allowed()).isFalse();
		assertThat(hour.resetMillis()).isEqualTo(3_600_000 - 606_000);
		assertThat(allowed(acquire(rules, T0 + 3_600_000))).isTrue();
	}

	@Test
	void aTenantOverrideReplacesOnlyWhatItNames() {
		RateLimitPolicy overridden = new RateLimitPolicy(new RateLimitProperties(null, null, null, null,
				java.util.Map.of("t",
						new LimitSet(null,
								java.util.Map.of("crm", new RateLimitProperties.CategoryLimit(2, null, null)))),
				null), this.catalog);
		List<LimitRule> rules = overridden.rulesFor(new Principal("t", "token", "agent", ScopeSet.all()),
				this.catalog.find("crm_contacts_list").orElseThrow());
		assertThat(rules).extracting(LimitRule::label).containsExactly("100/min", "5000/hour", "burst 20", "2/min");
		assertThat(allowed(acquire(rules, T0))).isTrue();
		assertThat(allowed(acquire(rules, T0))).isTrue();
		List<RuleState> refused = acquire(rules, T0);
		assertThat(allowed(refused)).isFalse();
		assertThat(refused.stream().filter((s) -> !s.allowed()).map((s) -> s.rule().category())).containsExactly("crm");
	}

}
