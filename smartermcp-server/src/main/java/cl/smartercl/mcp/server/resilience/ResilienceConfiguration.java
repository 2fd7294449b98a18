package cl.smartercl.mcp.server.resilience;

import java.time.Duration;

import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import cl.smartercl.mcp.server.config.ServerProperties;
import cl.smartercl.mcp.server.dispatch.ToolCallInterceptor;

/**
 * The resilience4j registries (one named instance per tenant and backend) and their
 * interceptor.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ResilienceProperties.class)
public class ResilienceConfiguration {

	@Bean
	CircuitBreakerRegistry circuitBreakerRegistry(ResilienceProperties properties) {
		return CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
			.slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
			.slidingWindowSize(properties.slidingWindowSize())
			.minimumNumberOfCalls(properties.minimumCalls())
			.failureRateThreshold(properties.failureRateThreshold())
			.waitDurationInOpenState(properties.openDuration())
			.permittedNumberOfCallsInHalfOpenState(properties.halfOpenCalls())
			.recordException(BackendFailures::countsAgainstBackend)
			.build());
	}

	@Bean
	BulkheadRegistry bulkheadRegistry(ResilienceProperties properties) {
		// no waiting for a slot: a full bulkhead answers at once, like an open circuit
		return BulkheadRegistry.of(BulkheadConfig.custom()
			.maxConcurrentCalls(properties.maxConcurrentCalls())
			.maxWaitDuration(Duration.ZERO)
			.build());
	}

	@Bean
	RetryRegistry retryRegistry(ResilienceProperties properties) {
		return RetryRegistry.of(RetryConfig.custom()
			.maxAttempts(Math.max(1, properties.retryAttempts()))
			.intervalFunction(IntervalFunction.ofExponentialBackoff(properties.retryBackoff(), 2.0))
			.retryOnException(BackendFailures::worthRetrying)
			.failAfterMaxAttempts(false)
			.build());
	}

	/**
	 * Breakers, retries and bulkheads in {@code /metrics}, tagged by instance
	 * ({@code <tenant>/<backend>}).
	 */
	@Bean
	Object resilienceMetrics(io.micrometer.core.instrument.MeterRegistry meters, CircuitBreakerRegistry circuitBreakers,
			RetryRegistry retries, BulkheadRegistry bulkheads) {
		io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(circuitBreakers)
			.bindTo(meters);
		io.github.resilience4j.micrometer.tagged.TaggedRetryMetrics.ofRetryRegistry(retries).bindTo(meters);
		io.github.resilience4j.micrometer.tagged.TaggedBulkheadMetrics.ofBulkheadRegistry(bulkheads).bindTo(meters);
		return new Object();
	}

	@Bean
	ToolCallInterceptor resilienceInterceptor(ResilienceProperties properties, CircuitBreakerRegistry circuitBreakers,
			BulkheadRegistry bulkheads, RetryRegistry retries, ServerProperties server) {
		return new ResilienceInterceptor(properties, circuitBreakers, bulkheads, retries, server.toolTimeout());
	}

}
