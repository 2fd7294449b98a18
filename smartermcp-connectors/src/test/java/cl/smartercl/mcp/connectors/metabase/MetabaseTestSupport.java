package cl.smartercl.mcp.connectors.metabase;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

import cl.smartercl.mcp.testsupport.metabase.MetabaseDouble;

/**
 * One Metabase double per test class, a fresh fixture (connectors, clock) and request log
 * per test.
 */
abstract class MetabaseTestSupport {

	static MetabaseDouble metabase;

	MetabaseFixture fixture;

	@BeforeAll
	static void startMetabase() {
		metabase = MetabaseDouble.start();
	}

	@AfterAll
	static void stopMetabase() {
		metabase.close();
	}

	@BeforeEach
	void fixture() {
		this.fixture = new MetabaseFixture(metabase);
		metabase.clearRequests();
	}

	@AfterEach
	void closeFixture() {
		this.fixture.close();
	}

}
