package dev.lurcher.scheme.expand;

import dev.lurcher.scheme.reader.Sym;

/**
 * An identifier a macro template introduced: a fresh name for {@link #original} (a {@link Sym} or
 * another alias), made once per identifier per macro use, remembering the scope where the macro was
 * defined.
 *
 * <p>This is explicit renaming (Clinger and Rees, "Macros that work"): a binding form whose bound
 * name is an alias binds the alias itself (scopes key it by identity), so only references made by
 * the same expansion see it — the template's {@code tmp} can never capture the user's {@code tmp}.
 * A reference to an alias that no such binding captured resolves {@link #original} in {@link
 * #scope}, the macro's definition site — free identifiers in templates mean what they meant where
 * the macro was written. Quoting strips aliases back to symbols.
 */
final class Alias {
  /** The identifier the template contained: a {@link Sym} or an {@link Alias}. */
  final Object original;

  /** The scope where the macro was defined (null: toplevel). */
  final Expander.Scope scope;

  Alias(Object original, Expander.Scope scope) {
    this.original = original;
    this.scope = scope;
  }

  /** The symbol under all the renamings. */
  Sym base() {
    Object o = original;
    while (o instanceof Alias a) {
      o = a.original;
    }
    return (Sym) o;
  }

  @Override
  public String toString() {
    return base().name();
  }
}
