package cl.smartercl.mcp.core.tools.common;

import org.junit.jupiter.api.Test;

import cl.smartercl.mcp.core.error.InvalidArgumentsException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CursorTests {

	@Test
	void aCursorGivesBackItsState() {
		String cursor = Cursor.encode("odoo-contacts", "50");
		assertThat(cursor).doesNotContain("odoo").doesNotContain("=");
		assertThat(Cursor.decode("odoo-contacts", cursor)).isEqualTo("50");
		assertThat(Cursor.decodeOffset("odoo-contacts", cursor)).isEqualTo(50);
	}

	@Test
	void noCursorIsTheFirstPage() {
		assertThat(Cursor.decode("x", null)).isNull();
		assertThat(Cursor.decode("x", "")).isNull();
		assertThat(Cursor.decodeOffset("x", null)).isZero();
	}

	@Test
	void aCursorOfAnotherToolOrMadeUpIsRefusedNamingTheArgument() {
		String other = Cursor.encode("chatwoot-conversations", "2:5");
		for (String bad : new String[] { other, "not base64 !", "AAAA", Cursor.encode("x", "-1"),
				Cursor.encode("x", "ten"), "A".repeat(5000) }) {
			assertThatThrownBy(() -> Cursor.decodeOffset("x", bad)).isInstanceOf(InvalidArgumentsException.class)
				.hasMessageContaining("'cursor'");
		}
	}

}
