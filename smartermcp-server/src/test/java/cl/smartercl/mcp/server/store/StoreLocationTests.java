package cl.smartercl.mcp.server.store;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StoreLocationTests {

	@Test
	void embeddedStoreIsAnH2FileUnderTheDataDirectory() {
		StoreLocation location = StoreLocation.of(new StoreProperties(Path.of("/srv/smartermcp/data"), null));
		assertThat(location.kind()).isEqualTo(StoreLocation.Kind.H2);
		assertThat(location.blockingDriver()).isTrue();
		assertThat(location.jdbcUrl()).isEqualTo(
				"jdbc:h2:file:/srv/smartermcp/data/smartermcp;WRITE_DELAY=0;CACHE_SIZE=65536;AUTO_COMPACT_FILL_RATE=50");
		assertThat(location.description()).isEqualTo("embedded H2 database /srv/smartermcp/data/smartermcp");
	}

	@Test
	void relativeDataDirectoryIsResolvedAgainstTheWorkingDirectory() {
		StoreLocation location = StoreLocation.of(new StoreProperties(null, " "));
		assertThat(location.kind()).isEqualTo(StoreLocation.Kind.H2);
		assertThat(location.jdbcUrl())
			.isEqualTo("jdbc:h2:file:" + Path.of("data").toAbsolutePath().resolve("smartermcp")
					+ ";WRITE_DELAY=0;CACHE_SIZE=65536;AUTO_COMPACT_FILL_RATE=50");
	}

	@Test
	void dataDirectoryWithASemicolonIsRefused() {
		assertThatThrownBy(() -> StoreLocation.of(new StoreProperties(Path.of("/tmp/a;MODE=x"), null)))
			.hasMessageContaining("SMARTERMCP_DATA_DIR must not contain ';'");
	}

	@Test
	void postgresUrlInEachAcceptedForm() {
		for (String url : new String[] { "postgresql://app:s3cret@db.internal:6543/smartermcp",
				"postgres://app:s3cret@db.internal:6543/smartermcp",
				"r2dbc:postgresql://app:s3cret@db.internal:6543/smartermcp",
				"  R2DBC:PostgreSQL://app:s3cret@db.internal:6543/smartermcp  " }) {
			StoreLocation location = StoreLocation.postgres(url);
			assertThat(location.kind()).isEqualTo(StoreLocation.Kind.POSTGRESQL);
			assertThat(location.blockingDriver()).isFalse();
			assertThat(location.jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:6543/smartermcp");
			assertThat(location.username()).isEqualTo("app");
			assertThat(location.password()).isEqualTo("s3cret");
			assertThat(location.description()).isEqualTo("PostgreSQL app@db.internal:6543/smartermcp")
				.doesNotContain("s3cret");
			assertThat(location.toString()).doesNotContain("s3cret");
		}
	}

	@Test
	void postgresUrlDefaultsAndEncodings() {
		StoreLocation location = StoreLocation.postgres("postgresql://postgres@127.0.0.1/test?sslmode=REQUIRE");
		assertThat(location.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/test?sslmode=require");
		assertThat(location.password()).isNull();

		StoreLocation encoded = StoreLocation.postgres("postgresql://us%40er:p%40ss%3Aw+rd@[::1]:5433/db");
		assertThat(encoded.username()).isEqualTo("us@er");
		assertThat(encoded.password()).isEqualTo("p@ss:w+rd");
		assertThat(encoded.jdbcUrl()).isEqualTo("jdbc:postgresql://[::1]:5433/db");
		assertThat(StoreLocation.postgres("postgresql://u:@h/db").password()).isEmpty();
		for (String mode : new String[] { "disable", "allow", "prefer", "require", "verify-ca", "verify-full" }) {
			assertThat(StoreLocation.postgres("postgresql://u@h/db?sslmode=" + mode)
				.connectionFactory(Duration.ofSeconds(1))).isNotNull();
		}
	}

	@Test
	void unusableUrlsAreExplainedWithoutThePassword() {
		Map<String, String> cases = Map.of("mysql://u:hunter2@h/db", "unsupported scheme 'mysql'",
				"postgresql://u:hunter2@/db", "names no host", "postgresql://u:hunter2@h", "names no database",
				"postgresql://u:hunter2@h/", "names no database", "postgresql://h/db", "names no user",
				"postgresql://:hunter2@h/db", "names no user", "postgresql://u:hunter2@h/db?ssl=true",
				"unsupported parameter 'ssl'", "postgresql://u:hunter2@h/db?sslmode=sometimes",
				"unsupported sslmode 'sometimes'", "postgresql://u:hunter2 x@h/db", "not a valid URL",
				"postgresql://u:hunter2%zz@h/db", "not a valid URL");
		cases.forEach((url, problem) -> assertThatThrownBy(() -> StoreLocation.postgres(url)).as(url)
			.isInstanceOf(IllegalStateException.class)
			.hasMessageStartingWith("SMARTERMCP_DB_URL is not usable: ")
			.hasMessageContaining(problem)
			.hasMessageContaining("postgresql://user:password@host:5432/database")
			.hasMessageNotContaining("hunter2"));
	}

	@Test
	void environmentVariablesOfTheConfigurationContractBind() {
		MutablePropertySources sources = new MutablePropertySources();
		sources.addFirst(new SystemEnvironmentPropertySource("env",
				Map.of("SMARTERMCP_DATA_DIR", "/var/lib/smartermcp", "SMARTERMCP_DB_URL", "postgresql://u:p@h/db")));
		Binder binder = new Binder(ConfigurationPropertySources.from(sources));
		StoreProperties properties = binder.bind("smartermcp", Bindable.of(StoreProperties.class)).get();
		assertThat(properties.dataDir()).isEqualTo(Path.of("/var/lib/smartermcp"));
		assertThat(properties.dbUrl()).isEqualTo("postgresql://u:p@h/db");
		assertThat(properties.toString()).doesNotContain("u:p");
	}

	@Test
	void dataDirectoryDefaultsToDotData() {
		Binder binder = new Binder(ConfigurationPropertySources.from(new MutablePropertySources()));
		StoreProperties properties = binder.bindOrCreate("smartermcp", Bindable.of(StoreProperties.class));
		assertThat(properties.dataDir().normalize()).isEqualTo(Path.of("data"));
		assertThat(properties.usesPostgres()).isFalse();
	}

}
