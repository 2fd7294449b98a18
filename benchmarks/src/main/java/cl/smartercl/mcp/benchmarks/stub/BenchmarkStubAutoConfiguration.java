package cl.smartercl.mcp.benchmarks.stub;

import java.lang.reflect.Constructor;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Benchmark-only: put on the server's class path with
 * {@code -Dloader.path=smartermcp-benchmarks.jar} (the shipped jar started through Spring
 * Boot's {@code PropertiesLauncher}), it replaces the server's {@code tenantDirectory}
 * bean with one whose providers answer {@code services_list} in process (see
 * {@link BenchmarkProviders}). Everything else (auth, scopes, interceptors, transports)
 * is the production code.
 * <p>
 * The server's classes live inside its executable jar, not in a Maven artifact this
 * module could compile against, so the replacement directory is built through the bean's
 * own public {@code (List<TenantConfig>, List<ConnectorProvider>)} constructor; a change
 * of that constructor fails the server's start loudly rather than silently benchmarking
 * something else.
 */
@AutoConfiguration
@ConditionalOnClass(name = "cl.smartercl.mcp.server.tenant.TenantDirectory")
public class BenchmarkStubAutoConfiguration {

	private static final Logger log = LoggerFactory.getLogger(BenchmarkStubAutoConfiguration.class);

	@Bean
	static BeanPostProcessor benchmarkTenantDirectory(Environment environment) {
		String tenantId = environment.getProperty("bench.stub.tenant", "default");
		String dockerUrl = environment.getProperty("bench.stub.docker-url");
		return new BeanPostProcessor() {
			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) throws BeansException {
				if (!"tenantDirectory".equals(beanName)) {
					return bean;
				}
				try {
					Constructor<?> constructor = bean.getClass().getConstructor(List.class, List.class);
					Object replacement = constructor.newInstance(
							List.of(BenchmarkProviders.tenant(tenantId, dockerUrl)), BenchmarkProviders.providers());
					log.warn("BENCHMARK BUILD: tenant '{}' answers services_list from an in-process stub{}", tenantId,
							(dockerUrl != null) ? "; its Docker backend is the stub at " + dockerUrl : "");
					return replacement;
				}
				catch (ReflectiveOperationException ex) {
					throw new BeanCreationException(beanName, "cannot build the benchmark tenant directory", ex);
				}
			}
		};
	}

}
