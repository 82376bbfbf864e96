package dev.lurcher.scheme.compile;

import dev.lurcher.scheme.expand.Node;
import dev.lurcher.scheme.expand.Node.Call;
import dev.lurcher.scheme.expand.Node.Const;
import dev.lurcher.scheme.expand.Node.GlobalRef;
import dev.lurcher.scheme.expand.Node.GlobalSet;
import dev.lurcher.scheme.expand.Node.If;
import dev.lurcher.scheme.expand.Node.Lambda;
import dev.lurcher.scheme.expand.Node.Let;
import dev.lurcher.scheme.expand.Node.Letrec;
import dev.lurcher.scheme.expand.Node.LocalRef;
import dev.lurcher.scheme.expand.Node.LocalSet;
import dev.lurcher.scheme.expand.Node.PrimCall;
import dev.lurcher.scheme.expand.Node.Seq;
import dev.lurcher.scheme.expand.Node.Unspecified;
import dev.lurcher.scheme.expand.Var;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;

/**
 * Closure analysis: the owner lambda of each variable, each lambda's free variables (flat
 * closures), and which variables live in boxes.
 *
 * <p>Why boxes only where needed: a variable that is both captured and assigned must be shared
 * between frames and closures, so it goes into a heap box; every other variable is copied into the
 * closures that need it. Letrec groups whose initialisers are all lambdas are closed by patching
 * the new closures afterwards, so recursive procedures need no boxes; a lambda that refers to
 * itself through its letrec variable reads its own closure instead of capturing it.
 */
final class Analysis {
  private final Deque<Lambda> lambdas = new ArrayDeque<>();
  private final List<Lambda> all = new ArrayList<>();
  private final List<Var> vars = new ArrayList<>();

  /** Analyses {@code root} (a toplevel thunk) and returns every lambda in it, root first. */
  static List<Lambda> analyse(Lambda root) {
    Analysis a = new Analysis();
    a.lambda(root);
    for (Var v : a.vars) {
      if (v.captured && v.mutated) {
        v.boxed = true;
      }
    }
    return a.all;
  }

  private void bind(Var v) {
    v.owner = lambdas.peek();
    lambdas.peek().locals.add(v);
    vars.add(v);
  }

  private void lambda(Lambda lam) {
    all.add(lam);
    lambdas.push(lam);
    for (Var p : lam.params) {
      bind(p);
    }
    if (lam.rest != null) {
      bind(lam.rest);
    }
    walk(lam.body);
    lambdas.pop();
  }

  private void use(Var v) {
    Lambda current = lambdas.peek();
    if (v.owner == current) {
      return;
    }
    v.captured = true;
    // Every lambda between the use and the owner needs v in its closure, unless one of them is
    // the lambda v is bound to: that one supplies v from its own closure pointer.
    Iterator<Lambda> it = lambdas.iterator();
    while (it.hasNext()) {
      Lambda l = it.next();
      if (l == v.owner) {
        return;
      }
      if (l.self == v) {
        return;
      }
      if (!l.free.contains(v)) {
        l.free.add(v);
      }
    }
  }

  private void walk(Node n) {
    switch (n) {
      case Const c -> {}
      case Unspecified u -> {}
      case GlobalRef g -> {}
      case LocalRef r -> use(r.var());
      case LocalSet s -> {
        use(s.var());
        walk(s.value());
      }
      case GlobalSet s -> walk(s.value());
      case If i -> {
        walk(i.test());
        walk(i.then());
        walk(i.otherwise());
      }
      case Seq s -> s.body().forEach(this::walk);
      case Call c -> {
        walk(c.fn());
        c.args().forEach(this::walk);
      }
      case PrimCall p -> p.args().forEach(this::walk);
      case Let l -> {
        l.inits().forEach(this::walk);
        l.vars().forEach(this::bind);
        walk(l.body());
      }
      case Letrec l -> {
        l.vars().forEach(this::bind);
        boolean patchable = l.inits().stream().allMatch(i -> i instanceof Lambda);
        for (int i = 0; i < l.vars().size(); i++) {
          Var v = l.vars().get(i);
          if (patchable && !v.mutated) {
            Lambda lam = (Lambda) l.inits().get(i);
            lam.self = v;
            v.knownLambda = lam;
          }
        }
        l.inits().forEach(this::walk);
        if (!patchable) {
          // Closures made while the group is initialised capture the variables' boxes.
          for (Var v : l.vars()) {
            v.mutated = true;
          }
        }
        walk(l.body());
      }
      case Lambda lam -> lambda(lam);
    }
  }
}
