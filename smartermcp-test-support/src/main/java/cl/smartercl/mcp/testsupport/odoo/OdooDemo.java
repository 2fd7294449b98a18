package cl.smartercl.mcp.testsupport.odoo;

import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The second company the recordings set up (files 78–84), for tests and the local stack.
 */
public final class OdooDemo {

	private OdooDemo() {
	}

	/**
	 * Creates company 2 "Acme Chile", the user Carla Chile (only company 2, All
	 * Documents), three contacts and two leads of company 2 with the values of files
	 * 78–83 (the ids differ from the recordings', which had created other records
	 * before).
	 * @return Carla's API key
	 */
	public static String chile(OdooDouble odoo) {
		odoo.call("res.company", "create", body("vals_list", "[{\"name\": \"Acme Chile\", \"country_id\": 46}]"));
		String key = odoo.addUser("Carla Chile", "carla@acme.cl", List.of(2L), true);
		odoo.call("res.partner", "create",
				body("vals_list", "[{\"name\": \"Viña Los Andes SpA\", \"is_company\": true, "
						+ "\"email\": \"contacto@losandes.example.cl\", \"country_id\": 46, \"city\": \"Santiago\", \"company_id\": 2}, "
						+ "{\"name\": \"Minera Cobre Norte Ltda\", \"is_company\": true, \"email\": \"ventas@cobrenorte.example.cl\", "
						+ "\"country_id\": 46, \"city\": \"Antofagasta\", \"company_id\": 2}, {\"name\": \"Camila Rojas\", "
						+ "\"email\": \"camila.rojas@losandes.example.cl\", \"phone\": \"+56 2 2345 6789\", \"country_id\": 46, "
						+ "\"city\": \"Santiago\", \"company_id\": 2}]"));
		long carla = odoo.call("res.users", "search", body("domain", "[[\"login\", \"=\", \"carla@acme.cl\"]]"))
			.get(0)
			.asLong();
		odoo.call("crm.lead", "create",
				body("vals_list", "[{\"name\": \"Andes: wine cellar furniture\", \"type\": \"lead\", "
						+ "\"partner_name\": \"Viña Los Andes SpA\", \"email_from\": \"contacto@losandes.example.cl\", \"company_id\": 2, "
						+ "\"user_id\": " + carla
						+ ", \"team_id\": false}, {\"name\": \"Cobre Norte: 40 desks\", \"type\": \"opportunity\", "
						+ "\"partner_name\": \"Minera Cobre Norte Ltda\", \"expected_revenue\": 18000000, \"company_id\": 2, \"user_id\": "
						+ carla + ", \"team_id\": false, \"probability\": 20.0}]"));
		return key;
	}

	static ObjectNode body(String name, String json) {
		try {
			ObjectNode body = OdooDouble.body();
			body.set(name, OdooDatabase.JSON.readTree(json));
			return body;
		}
		catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
			throw new IllegalArgumentException(ex);
		}
	}

}
