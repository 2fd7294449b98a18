package cl.smartercl.mcp.server.ratelimit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import cl.smartercl.mcp.core.auth.Principal;
import cl.smartercl.mcp.core.tool.Catalog;
import cl.smartercl.mcp.core.tool.Category;
import cl.smartercl.mcp.core.tool.ToolDefinition;
import cl.smartercl.mcp.server.ratelimit.RateLimitProperties.CategoryLimit;
import cl.smartercl.mcp.server.ratelimit.RateLimitProperties.General;
import cl.smartercl.mcp.server.ratelimit.RateLimitProperties.LimitSet;

/**
 * Which limits a call must pass: the documented defaults overridden by configuration,
 * level by level (defaults, tenant, token), turned into {@link LimitRule}s. The
 * configuration is checked when the server starts, so a misspelt category or tool fails
 * the start rather than silently limiting nothing.
 */
final class RateLimitPolicy {

	static final long MINUTE_MILLIS = 60_000;

	static final long HOUR_MILLIS = 3_600_000;

	static final String GENERAL = "general";

	private final Catalog catalog;

	private final LimitSet base;

	private final Map<String, LimitSet> tenants;

	private final Map<String, LimitSet> tokens;

	private final Map<String, List<LimitRule>> cache = new ConcurrentHashMap<>();

	RateLimitPolicy(RateLimitProperties properties, Catalog catalog) {
		this.catalog = catalog;
		validate("defaults", properties.defaults());
		properties.tenants().forEach((id, set) -> validate("tenants." + id, set));
		properties.tokens().forEach((id, set) -> validate("tokens." + id, set));
		this.base = merge(RateLimitDefaults.DOCUMENTED, properties.defaults());
		this.tenants = properties.tenants();
		this.tokens = properties.tokens();
	}

	/** The limits of this caller's call of this tool, general ones first. */
	List<LimitRule> rulesFor(Principal principal, ToolDefinition<?, ?> tool) {
		String key = principal.tenantId() + '\u0000' + principal.tokenId() + '\u0000' + tool.name();
		return this.cache.computeIfAbsent(key, (k) -> build(effective(principal), tool));
	}

	LimitSet effective(Principal principal) {
		LimitSet set = this.base;
		LimitSet tenant = this.tenants.get(principal.tenantId());
		if (tenant != null) {
			set = merge(set, tenant);
		}
		LimitSet token = this.tokens.get(principal.tokenId());
		if (token != null) {
			set = merge(set, token);
		}
		return set;
	}

	private static List<LimitRule> build(LimitSet set, ToolDefinition<?, ?> tool) {
		List<LimitRule> rules = new ArrayList<>();
		General general = set.general();
		if (positive(general.perMinute())) {
			rules.add(LimitRule.window(GENERAL, "general:60", general.perMinute(), MINUTE_MILLIS));
		}
		if (positive(general.perHour())) {
			rules.add(LimitRule.window(GENERAL, "general:3600", general.perHour(), HOUR_MILLIS));
		}
		// the bucket refills at the general per-minute rate, so a full bucket is spent at
		// once but the
		// calls after it come no faster than that rate (issue 3: "a client cannot fire
		// 100 calls in one second")
		if (positive(general.burst()) && positive(general.perMinute())) {
			rules
				.add(LimitRule.bucket(GENERAL, "burst", general.burst(), general.perMinute() / (double) MINUTE_MILLIS));
		}
		String category = tool.category().value();
		CategoryLimit limit = set.categories().get(category);
		if (limit != null && (limit.tools() == null || limit.tools().contains(tool.name()))) {
			if (positive(limit.perMinute())) {
				rules.add(LimitRule.window(category, "cat:" + category + ":60", limit.perMinute(), MINUTE_MILLIS));
			}
			if (positive(limit.perHour())) {
				rules.add(LimitRule.window(category, "cat:" + category + ":3600", limit.perHour(), HOUR_MILLIS));
			}
		}
		return List.copyOf(rules);
	}

	private static boolean positive(Integer value) {
		return value != null && value > 0;
	}

	static LimitSet merge(LimitSet under, LimitSet over) {
		General general = new General(pick(over.general().perMinute(), under.general().perMinute()),
				pick(over.general().perHour(), under.general().perHour()),
				pick(over.general().burst(), under.general().burst()));
		Map<String, CategoryLimit> categories = new HashMap<>(under.categories());
		over.categories().forEach((name, limit) -> {
			CategoryLimit below = categories.get(name);
			categories.put(name, (below == null) ? limit : new CategoryLimit(pick(limit.perMinute(), below.perMinute()),
					pick(limit.perHour(), below.perHour()), (limit.tools() != null) ? limit.tools() : below.tools()));
		});
		return new LimitSet(general, categories);
	}

	private static <T> T pick(T over, T under) {
		return (over != null) ? over : under;
	}

	private void validate(String where, LimitSet set) {
		check(where + ".general.per-minute", set.general().perMinute());
		check(where + ".general.per-hour", set.general().perHour());
		check(where + ".general.burst", set.general().burst());
		set.categories().forEach((name, limit) -> {
			String at = "smartermcp.rate-limits." + where + ".categories." + name;
			Category category = Category.fromValue(name)
				.orElseThrow(() -> new IllegalStateException(
						at + ": no such category (expected one of " + List.of(Category.values()) + ")"));
			check(where + ".categories." + name + ".per-minute", limit.perMinute());
			check(where + ".categories." + name + ".per-hour", limit.perHour());
			if (limit.tools() != null) {
				Set<String> ofCategory = new LinkedHashSet<>();
				this.catalog.tools()
					.stream()
					.filter((t) -> t.category() == category)
					.forEach((t) -> ofCategory.add(t.name()));
				for (String tool : limit.tools()) {
					if (!ofCategory.contains(tool)) {
						throw new IllegalStateException(at + ".tools: '" + tool + "' is not a tool of category '" + name
								+ "' (its tools: " + ofCategory + ")");
					}
				}
			}
		});
	}

	private static void check(String key, Integer value) {
		if (value != null && value < 0) {
			throw new IllegalStateException("smartermcp.rate-limits." + key + " must be 0 (off) or more, not " + value);
		}
	}

}
