package cl.smartercl.mcp.core.admin;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The answer of {@code GET /tenants}. */
public record TenantList(@JsonProperty(required = true) List<Tenant> tenants) {

	public TenantList {
		tenants = List.copyOf(tenants);
	}

}
