package dev.lurcher.scheme.runtime;

import static dev.lurcher.scheme.runtime.Values.FALSE;
import static dev.lurcher.scheme.runtime.Values.NIL;
import static dev.lurcher.scheme.runtime.Values.TRUE;

import dev.lurcher.gc.api.Mutator;
import dev.lurcher.scheme.reader.CharNames;

/** The external representation of heap values, for {@code display}, {@code write} and errors. */
public final class Printer {
  /** Deeper structures are elided, so a cyclic value cannot hang an error message. */
  private static final int MAX_DEPTH = 1000;

  private Printer() {}

  /** The {@code display} representation of {@code v}. */
  public static String display(Ctx c, long v) {
    StringBuilder sb = new StringBuilder();
    print(c, v, sb, false, 0);
    return sb.toString();
  }

  /** The {@code write} representation of {@code v}. */
  public static String write(Ctx c, long v) {
    StringBuilder sb = new StringBuilder();
    print(c, v, sb, true, 0);
    return sb.toString();
  }

  private static void print(Ctx c, long v, StringBuilder sb, boolean write, int depth) {
    if (depth > MAX_DEPTH) {
      sb.append("...");
      return;
    }
    if (Values.isFixnum(v)) {
      sb.append(Values.unfix(v));
      return;
    }
    if (Values.isChar(v)) {
      int cp = Values.charCode(v);
      if (write) {
        sb.append(CharNames.write(cp));
      } else {
        sb.appendCodePoint(cp);
      }
      return;
    }
    if (!Values.isRef(v)) {
      sb.append(immediate(v));
      return;
    }
    Mutator m = c.m;
    switch (Rt.shape(c, v)) {
      case SchemeRuntime.PAIR -> {
        sb.append('(');
        print(c, m.loadRef(v, 8), sb, write, depth + 1);
        long rest = m.loadRef(v, 16);
        int n = 0;
        while (Rt.shape(c, rest) == SchemeRuntime.PAIR) {
          if (++n > 100_000) {
            sb.append(" ...");
            rest = NIL;
            break;
          }
          sb.append(' ');
          print(c, m.loadRef(rest, 8), sb, write, depth + 1);
          rest = m.loadRef(rest, 16);
        }
        if (rest != NIL) {
          sb.append(" . ");
          print(c, rest, sb, write, depth + 1);
        }
        sb.append(')');
      }
      case SchemeRuntime.VECTOR -> {
        sb.append("#(");
        long n = m.loadWord(v, 8);
        for (long i = 0; i < n; i++) {
          if (i > 0) {
            sb.append(' ');
          }
          print(c, m.loadRef(v, 16 + 8 * i), sb, write, depth + 1);
        }
        sb.append(')');
      }
      case SchemeRuntime.STRING -> {
        String s = Rt.javaString(c, v);
        if (write) {
          writeString(s, sb);
        } else {
          sb.append(s);
        }
      }
      case SchemeRuntime.SYMBOL -> sb.append(Rt.javaString(c, m.loadRef(v, 8)));
      case SchemeRuntime.BYTEVECTOR -> {
        sb.append("#vu8(");
        long n = m.loadWord(v, 8);
        for (long i = 0; i < n; i++) {
          if (i > 0) {
            sb.append(' ');
          }
          sb.append(m.loadByte(v, 16 + i) & 0xff);
        }
        sb.append(')');
      }
      case SchemeRuntime.BOX -> {
        sb.append("#&");
        print(c, m.loadRef(v, 8), sb, write, depth + 1);
      }
      case SchemeRuntime.RECORD -> {
        sb.append("#<record ");
        print(c, m.loadRef(m.loadRef(v, 16), 16), sb, false, depth + 1);
        sb.append('>');
      }
      case SchemeRuntime.CLOSURE ->
          sb.append("#<procedure ")
              .append(c.rt.procedureName((int) Values.unfix(m.loadRef(v, 16))))
              .append('>');
      default -> sb.append("#<").append(c.m.heap().model().describe(v)).append('>');
    }
  }

  private static String immediate(long v) {
    if (v == FALSE) {
      return "#f";
    } else if (v == TRUE) {
      return "#t";
    } else if (v == NIL) {
      return "()";
    } else if (v == Values.UNSPEC) {
      return "#<unspecified>";
    } else if (v == Values.EOF) {
      return "#<eof>";
    } else if (v == Values.UNDEFINED) {
      return "#<undefined>";
    }
    return "#<immediate 0x" + Long.toHexString(v) + ">";
  }

  private static void writeString(String s, StringBuilder sb) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      switch (ch) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\t' -> sb.append("\\t");
        case '\r' -> sb.append("\\r");
        default -> sb.append(ch);
      }
    }
    sb.append('"');
  }
}
