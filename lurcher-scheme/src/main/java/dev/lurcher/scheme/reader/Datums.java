package dev.lurcher.scheme.reader;

/** Writes source data in Scheme's external representation (for messages and tests). */
public final class Datums {
  private Datums() {}

  /** The {@code write} representation of a source datum. */
  public static String write(Object datum) {
    StringBuilder sb = new StringBuilder();
    write(datum, sb);
    return sb.toString();
  }

  private static void write(Object d, StringBuilder sb) {
    switch (d) {
      case Boolean b -> sb.append(b ? "#t" : "#f");
      case Long n -> sb.append(n);
      case String s -> {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
          char c = s.charAt(i);
          switch (c) {
            case '"' -> sb.append("\\\"");
            case '\\' -> sb.append("\\\\");
            case '\n' -> sb.append("\\n");
            default -> sb.append(c);
          }
        }
        sb.append('"');
      }
      case SChar c -> sb.append(CharNames.write(c.codePoint()));
      case Pair p -> {
        sb.append('(');
        write(p.car(), sb);
        Object rest = p.cdr();
        while (rest instanceof Pair q) {
          sb.append(' ');
          write(q.car(), sb);
          rest = q.cdr();
        }
        if (rest != Nil.NIL) {
          sb.append(" . ");
          write(rest, sb);
        }
        sb.append(')');
      }
      case SVector v -> {
        sb.append("#(");
        for (int i = 0; i < v.elements().size(); i++) {
          if (i > 0) {
            sb.append(' ');
          }
          write(v.elements().get(i), sb);
        }
        sb.append(')');
      }
      case Bytevector bv -> {
        sb.append("#vu8(");
        for (int i = 0; i < bv.length(); i++) {
          if (i > 0) {
            sb.append(' ');
          }
          sb.append(bv.get(i));
        }
        sb.append(')');
      }
      default -> sb.append(d);
    }
  }
}
