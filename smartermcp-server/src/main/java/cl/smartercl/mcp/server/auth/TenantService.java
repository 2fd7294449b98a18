package cl.smartercl.mcp.server.auth;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;

import cl.smartercl.mcp.core.error.ConflictException;
import cl.smartercl.mcp.core.error.InvalidArgumentsException;
import cl.smartercl.mcp.server.store.TenantIds;
import cl.smartercl.mcp.server.store.TenantRecord;
import cl.smartercl.mcp.server.store.TenantStore;

/** Creates and lists tenants, and makes sure the tenants the operator named exist. */
@Service
public class TenantService {

	private static final Logger logger = LoggerFactory.getLogger(TenantService.class);

	private static final int MAX_NAME_LENGTH = 128;

	private final TenantStore tenants;

	public TenantService(TenantStore tenants) {
		this.tenants = tenants;
	}

	/**
	 * Creates a tenant.
	 * @param name display name; {@code null} or blank means "same as the id"
	 * @throws InvalidArgumentsException (signalled) for a malformed id
	 * ({@code tenant_id}) or name
	 * @throws ConflictException (signalled) when the id is taken
	 */
	public Mono<TenantRecord> create(String id, String name) {
		return Mono.defer(() -> {
			TenantIds.requireValid(id);
			String displayName = (name == null || name.isBlank()) ? id : name.strip();
			if (displayName.length() > MAX_NAME_LENGTH || displayName.chars().anyMatch(Character::isISOControl)) {
				throw new InvalidArgumentsException("name",
						"a tenant name is at most " + MAX_NAME_LENGTH + " characters without control characters");
			}
			return this.tenants.create(id, displayName);
		}).doOnNext((tenant) -> logger.info("Tenant '{}' created", tenant.id()));
	}

	/** The tenant, or empty when it does not exist. */
	public Mono<TenantRecord> find(String id) {
		return this.tenants.find(id);
	}

	/** Every tenant, oldest first. */
	public Flux<TenantRecord> list() {
		return this.tenants.list();
	}

	/**
	 * Creates those of {@code ids} that are not in the store yet (named after their id),
	 * e.g. the tenants of {@code SMARTERMCP_TENANTS_FILE} at start. Ids are all checked
	 * before anything is created.
	 * @throws InvalidArgumentsException (signalled) naming {@code tenant_id} for a
	 * malformed id
	 */
	public Mono<Void> ensureTenants(Collection<String> ids) {
		return Mono.fromCallable(() -> {
			Set<String> distinct = new LinkedHashSet<>(ids);
			distinct.forEach(TenantIds::requireValid);
			return distinct;
		}).flatMapMany(Flux::fromIterable).concatMap(this::ensure).then();
	}

	/** The tenant, created (named after its id) when missing. */
	Mono<TenantRecord> ensure(String id) {
		// Another replica may create the same tenant between the lookup and the insert:
		// its row is as
		// good as ours.
		return this.tenants.find(id)
			.switchIfEmpty(Mono
				.defer(() -> create(id, id).onErrorResume(ConflictException.class, (ex) -> this.tenants.find(id))));
	}

}
