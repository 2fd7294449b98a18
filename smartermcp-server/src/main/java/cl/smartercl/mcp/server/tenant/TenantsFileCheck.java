package cl.smartercl.mcp.server.tenant;

import java.nio.file.Path;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationListener;

/**
 * Reads the tenants file once the configuration is known and before any bean is built, so
 * a wrong file stops the start at once, reported in one line by
 * {@link TenantsFileFailureReporter} — not after the store has been migrated, and not
 * inside Spring's report of a bean that could not be created. Registered in
 * {@code META-INF/spring.factories}.
 */
public final class TenantsFileCheck implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

	@Override
	public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
		Binder.get(event.getEnvironment())
			.bind("smartermcp.tenants-file", Path.class)
			.ifBound((file) -> TenantsFileLoader.withSystemEnvironment().load(file));
	}

}
