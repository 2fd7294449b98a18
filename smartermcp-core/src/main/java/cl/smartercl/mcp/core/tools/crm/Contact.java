package cl.smartercl.mcp.core.tools.crm;

/** A CRM contact (a person or a company) as the CRM tools return it. */
public record Contact(long id, String name, String email, String phone, String company, boolean isCompany,
		String city, String country) {
}
