package cl.smartercl.mcp.core.auth;

import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import cl.smartercl.mcp.core.error.InvalidArgumentsException;

/**
 * An immutable set of granted scopes that answers "may this do X?" with the
 * write-implies-read rule applied.
 */
public final class ScopeSet {

	private final Set<Scope> granted;

	private final Set<Scope> effective;

	private ScopeSet(Set<Scope> granted) {
		this.granted = Set.copyOf(granted);
		EnumSet<Scope> all = EnumSet.noneOf(Scope.class);
		for (Scope scope : granted) {
			all.add(scope);
			scope.impliedRead().ifPresent(all::add);
		}
		this.effective = Set.copyOf(all);
	}

	public static ScopeSet of(Collection<Scope> scopes) {
		return new ScopeSet(scopes.isEmpty() ? EnumSet.noneOf(Scope.class) : EnumSet.copyOf(scopes));
	}

	public static ScopeSet of(Scope... scopes) {
		return of(List.of(scopes));
	}

	public static ScopeSet all() {
		return of(EnumSet.allOf(Scope.class));
	}

	/**
	 * Parses wire names; an unknown name is a client error that names it and lists the
	 * valid ones.
	 */
	public static ScopeSet parse(Collection<String> names) {
		EnumSet<Scope> scopes = EnumSet.noneOf(Scope.class);
		for (String name : names) {
			scopes.add(Scope.fromValue(name)
				.orElseThrow(() -> new InvalidArgumentsException("scopes",
						"unknown scope '" + name + "'; valid scopes: " + validNames())));
		}
		return of(scopes);
	}

	public static String validNames() {
		return EnumSet.allOf(Scope.class).stream().map(Scope::value).collect(Collectors.joining(", "));
	}

	/** Whether a call needing {@code required} is allowed, counting the implied reads. */
	public boolean allows(Scope required) {
		return this.effective.contains(required);
	}

	/** The scopes as granted (without implied reads), in declaration order. */
	public List<Scope> granted() {
		return this.granted.stream().sorted().toList();
	}

	public List<String> grantedValues() {
		return granted().stream().map(Scope::value).toList();
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof ScopeSet that && this.granted.equals(that.granted);
	}

	@Override
	public int hashCode() {
		return this.granted.hashCode();
	}

	@Override
	public String toString() {
		return String.join(" ", grantedValues());
	}

}
