package cl.smartercl.mcp.testsupport.odoo;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The models and fields the double knows: those the recordings show (in reads, writes,
 * domains and {@code fields_get}), plus a few real Odoo 19 fields a CRM client filters on
 * whose values the recordings never show for the demo records
 * ({@code res.partner.user_id}, {@code street}, {@code crm.lead.country_id}). A field not
 * listed here is unknown to the double and answered the way Odoo answers an unknown field
 * (file 53: {@code mobile} no longer exists on {@code res.partner}).
 */
final class OdooSchema {

	/** One field: its Odoo type and, for relations, the comodel. */
	record Field(String type, String relation) {

		boolean many2one() {
			return this.type.equals("many2one");
		}

		boolean toMany() {
			return this.type.equals("many2many") || this.type.equals("one2many");
		}

		boolean number() {
			return this.type.equals("float") || this.type.equals("monetary") || this.type.equals("integer");
		}

	}

	/**
	 * One model: its fields, its default order and how Odoo names it in access errors.
	 */
	record Model(String name, String description, String defaultOrder, Map<String, Field> fields) {
	}

	private static final Map<String, Model> MODELS = new LinkedHashMap<>();

	static {
		model("res.partner", "Contact", "complete_name, id desc", "name:char", "email:char", "phone:char",
				"is_company:boolean", "company_type:selection", "parent_id:many2one:res.partner",
				"country_id:many2one:res.country", "city:char", "street:char", "function:char", "website:char",
				"category_id:many2many:res.partner.category", "user_id:many2one:res.users",
				"company_id:many2one:res.company", "type:selection", "create_date:datetime", "write_date:datetime",
				"active:boolean");
		model("crm.lead", "Lead", "priority desc, id desc", "name:char", "type:selection",
				"partner_id:many2one:res.partner", "partner_name:char", "contact_name:char", "email_from:char",
				"phone:char", "stage_id:many2one:crm.stage", "expected_revenue:monetary", "probability:float",
				"user_id:many2one:res.users", "team_id:many2one:crm.team", "date_deadline:date", "priority:selection",
				"active:boolean", "company_id:many2one:res.company", "tag_ids:many2many:crm.tag",
				"lost_reason_id:many2one:crm.lost.reason", "country_id:many2one:res.country", "city:char",
				"create_date:datetime", "write_date:datetime");
		model("crm.stage", "Stage", "sequence, name, id", "name:char", "sequence:integer", "is_won:boolean",
				"fold:boolean", "team_ids:many2many:crm.team");
		model("res.company", "Companies", "sequence, name", "name:char", "sequence:integer",
				"country_id:many2one:res.country", "currency_id:many2one:res.currency",
				"partner_id:many2one:res.partner");
		model("res.users", "User", "name, login", "name:char", "login:char", "email:char", "password:char",
				"share:boolean", "active:boolean", "group_ids:many2many:res.groups",
				"all_group_ids:many2many:res.groups", "company_id:many2one:res.company",
				"company_ids:many2many:res.company", "partner_id:many2one:res.partner", "tz:selection",
				"lang:selection");
		model("res.users.apikeys", "API Key", "id", "name:char", "user_id:many2one:res.users", "scope:char",
				"expiration_date:datetime", "create_date:datetime");
		model("res.country", "Country", "name", "name:char", "code:char");
		model("res.currency", "Currency", "name", "name:char");
		model("res.partner.category", "Partner Tags", "name", "name:char");
		model("crm.team", "Sales Team", "sequence, name", "name:char", "sequence:integer");
		model("crm.tag", "CRM Tag", "name", "name:char");
		model("crm.lost.reason", "Opp. Lost Reason", "name", "name:char");
		model("res.groups", "Access Groups", "name", "name:char");
	}

	private OdooSchema() {
	}

	private static void model(String name, String description, String order, String... fields) {
		Map<String, Field> map = new LinkedHashMap<>();
		map.put("id", new Field("integer", null));
		for (String field : fields) {
			String[] parts = field.split(":");
			map.put(parts[0], new Field(parts[1], parts.length > 2 ? parts[2] : null));
		}
		MODELS.put(name, new Model(name, description, order, map));
	}

	static Model model(String name) {
		return MODELS.get(name);
	}

	static Iterable<Model> models() {
		return MODELS.values();
	}

}
