package cl.smartercl.mcp.server.tenant;

import java.io.PrintStream;

import org.springframework.boot.SpringBootExceptionReporter;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * A start that fails on a wrong tenants file says so in one line — the file, the tenant
 * and the key, as the loader words it — instead of Spring's stack trace of the bean that
 * could not be built. Other failures are left to Spring's own reporters. Registered in
 * {@code META-INF/spring.factories}.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
public final class TenantsFileFailureReporter implements SpringBootExceptionReporter {

	private final PrintStream err;

	/** Spring instantiates it with the context that failed to start. */
	public TenantsFileFailureReporter(ConfigurableApplicationContext context) {
		this(System.err);
	}

	TenantsFileFailureReporter(PrintStream err) {
		this.err = err;
	}

	@Override
	public boolean reportException(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof TenantsFileLoader.TenantsFileException wrong) {
				this.err.println("SmarterMCP did not start: " + wrong.getMessage().replaceAll("\\s*\\R\\s*", " ")
						+ " (see docs/configuration.md)");
				this.err.flush();
				return true;
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		return false;
	}

}
