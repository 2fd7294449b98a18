package cl.smartercl.mcp.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The SmarterMCP server: MCP (Streamable HTTP and legacy SSE) and REST over one tool
 * catalog.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class SmarterMcpApplication {

	public static void main(String[] args) {
		SpringApplication.run(SmarterMcpApplication.class, args);
	}

}
