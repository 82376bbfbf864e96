package dev.lurcher.scheme.reader;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads source text into source data, following R7RS lexical syntax for the types Lurcher Scheme
 * has: fixnums, booleans, characters, strings, symbols, lists, vectors and bytevectors, with the
 * quote abbreviations and line, block (nested) and datum comments.
 *
 * <p>Every syntax error is a {@link SchemeSyntaxError} naming the file, line and column.
 */
public final class Reader {
  /** The smallest fixnum: -2^61. */
  public static final long FIXNUM_MIN = -(1L << 61);

  /** The largest fixnum: 2^61 - 1. */
  public static final long FIXNUM_MAX = (1L << 61) - 1;

  private static final java.util.regex.Pattern FLONUM =
      java.util.regex.Pattern.compile("[+-]?(\\d+\\.\\d*|\\.\\d+|\\d+)(e[+-]?\\d+)?");

  private static final Object CLOSE = new Object();
  private static final Object DOT = new Object();

  private final String file;
  private final String text;
  private int index;
  private int line = 1;
  private int column = 1;

  /** A reader over {@code text}, which came from {@code file} (used in messages). */
  public Reader(String file, String text) {
    this.file = file;
    this.text = text;
  }

  /** Reads every datum of {@code text}. */
  public static List<Object> readAll(String file, String text) {
    Reader r = new Reader(file, text);
    List<Object> out = new ArrayList<>();
    while (true) {
      Object d = r.read();
      if (d == null) {
        return out;
      }
      out.add(d);
    }
  }

  /** Reads the next datum, or returns null at the end of the text. */
  public Object read() {
    SourcePos start = pos();
    Object d = readItem();
    if (d == CLOSE) {
      throw error(start, "unexpected ')'");
    }
    if (d == DOT) {
      throw error(start, "unexpected '.'");
    }
    return d;
  }

  private SourcePos pos() {
    return new SourcePos(file, line, column);
  }

  private SchemeSyntaxError error(SourcePos at, String message) {
    return new SchemeSyntaxError(at, message);
  }

  private int peek() {
    return index < text.length() ? text.charAt(index) : -1;
  }

  private int peekAt(int offset) {
    return index + offset < text.length() ? text.charAt(index + offset) : -1;
  }

  private int next() {
    char c = text.charAt(index++);
    if (c == '\n') {
      line++;
      column = 1;
    } else {
      column++;
    }
    return c;
  }

  /** Skips whitespace and comments (not datum comments). */
  private void skipAtmosphere() {
    while (true) {
      int c = peek();
      if (c == -1) {
        return;
      }
      if (Character.isWhitespace(c)) {
        next();
      } else if (c == ';') {
        while (peek() != -1 && peek() != '\n') {
          next();
        }
      } else if (c == '#' && peekAt(1) == '|') {
        skipBlockComment();
      } else {
        return;
      }
    }
  }

  private void skipBlockComment() {
    SourcePos start = pos();
    next();
    next();
    int depth = 1;
    while (depth > 0) {
      int c = peek();
      if (c == -1) {
        throw error(start, "unterminated block comment");
      }
      if (c == '|' && peekAt(1) == '#') {
        next();
        next();
        depth--;
      } else if (c == '#' && peekAt(1) == '|') {
        next();
        next();
        depth++;
      } else {
        next();
      }
    }
  }

  /** Reads one item: a datum, or the CLOSE / DOT markers; null at the end of the text. */
  private Object readItem() {
    while (true) {
      skipAtmosphere();
      SourcePos start = pos();
      int c = peek();
      if (c == -1) {
        return null;
      }
      switch (c) {
        case '(', '[' -> {
          next();
          return readListTail(start, c == '(' ? ')' : ']');
        }
        case ')', ']' -> {
          next();
          return CLOSE;
        }
        case '\'' -> {
          next();
          return abbreviation("quote", start);
        }
        case '`' -> {
          next();
          return abbreviation("quasiquote", start);
        }
        case ',' -> {
          next();
          if (peek() == '@') {
            next();
            return abbreviation("unquote-splicing", start);
          }
          return abbreviation("unquote", start);
        }
        case '"' -> {
          next();
          return readString(start);
        }
        case '#' -> {
          if (peekAt(1) == ';') {
            next();
            next();
            Object skipped = readItem();
            if (skipped == null || skipped == CLOSE || skipped == DOT) {
              throw error(start, "datum comment #; without a datum");
            }
            continue;
          }
          return readHash(start);
        }
        case '|' -> {
          return new Sym(readBarSymbol(start));
        }
        default -> {
          return readAtom(start);
        }
      }
    }
  }

  private Object abbreviation(String name, SourcePos start) {
    Object d = readItem();
    if (d == null || d == CLOSE || d == DOT) {
      throw error(start, "'" + name + "' abbreviation without a datum");
    }
    return new Pair(new Sym(name), new Pair(d, Nil.NIL, start), start);
  }

  private Object readListTail(SourcePos start, char close) {
    List<Object> items = new ArrayList<>();
    List<SourcePos> positions = new ArrayList<>();
    Object tail = Nil.NIL;
    while (true) {
      skipAtmosphere();
      SourcePos itemPos = pos();
      int c = peek();
      Object d = readItem();
      if (d == null) {
        throw error(start, "unterminated list (missing '" + close + "')");
      }
      if (d == CLOSE) {
        if (c != close) {
          throw error(
              itemPos,
              "list opened with '" + (close == ')' ? '(' : '[') + "' closed by '" + (char) c + "'");
        }
        break;
      }
      if (d == DOT) {
        if (items.isEmpty()) {
          throw error(itemPos, "'.' at the start of a list");
        }
        tail = readItem();
        if (tail == null || tail == CLOSE || tail == DOT) {
          throw error(itemPos, "'.' must be followed by one datum");
        }
        skipAtmosphere();
        SourcePos endPos = pos();
        Object end = readItem();
        if (end != CLOSE) {
          throw error(endPos, "expected ')' after the datum following '.'");
        }
        break;
      }
      items.add(d);
      positions.add(itemPos);
    }
    Object result = tail;
    for (int i = items.size() - 1; i >= 0; i--) {
      result = new Pair(items.get(i), result, i == 0 ? start : positions.get(i));
    }
    return result;
  }

  private String readString(SourcePos start) {
    StringBuilder sb = new StringBuilder();
    while (true) {
      if (peek() == -1) {
        throw error(start, "unterminated string");
      }
      int c = next();
      if (c == '"') {
        return sb.toString();
      }
      if (c != '\\') {
        sb.append((char) c);
        continue;
      }
      SourcePos escPos = pos();
      if (peek() == -1) {
        throw error(start, "unterminated string");
      }
      int e = next();
      switch (e) {
        case 'n' -> sb.append('\n');
        case 't' -> sb.append('\t');
        case 'r' -> sb.append('\r');
        case 'a' -> sb.append((char) 7);
        case 'b' -> sb.append('\b');
        case '0' -> sb.append((char) 0);
        case '"' -> sb.append('"');
        case '\\' -> sb.append('\\');
        case '|' -> sb.append('|');
        case 'x', 'X' -> sb.appendCodePoint(readHexEscape(escPos));
        default -> {
          if (e == ' ' || e == '\t' || e == '\n') {
            // A line continuation: \ <intraline whitespace>* <newline> <intraline whitespace>*
            int p = e;
            while (p == ' ' || p == '\t') {
              p = peek() == -1 ? -1 : next();
            }
            if (p != '\n') {
              throw error(escPos, "bad line continuation in string");
            }
            while (peek() == ' ' || peek() == '\t') {
              next();
            }
          } else {
            throw error(escPos, "unknown string escape \\" + (char) e);
          }
        }
      }
    }
  }

  private int readHexEscape(SourcePos at) {
    StringBuilder hex = new StringBuilder();
    while (peek() != -1 && peek() != ';') {
      hex.append((char) next());
    }
    if (peek() != ';') {
      throw error(at, "\\x escape must end with ';'");
    }
    next();
    try {
      int cp = Integer.parseInt(hex.toString(), 16);
      if (!Character.isValidCodePoint(cp)) {
        throw error(at, "bad code point in \\x escape: " + hex);
      }
      return cp;
    } catch (NumberFormatException e) {
      throw error(at, "bad hex digits in \\x escape: " + hex);
    }
  }

  private String readBarSymbol(SourcePos start) {
    next();
    StringBuilder sb = new StringBuilder();
    while (true) {
      if (peek() == -1) {
        throw error(start, "unterminated |symbol|");
      }
      int c = next();
      if (c == '|') {
        return sb.toString();
      }
      if (c == '\\' && peek() == 'x') {
        SourcePos escPos = pos();
        next();
        sb.appendCodePoint(readHexEscape(escPos));
      } else {
        sb.append((char) c);
      }
    }
  }

  private static boolean isDelimiter(int c) {
    return c == -1
        || Character.isWhitespace(c)
        || c == '('
        || c == ')'
        || c == '['
        || c == ']'
        || c == '"'
        || c == ';'
        || c == '|';
  }

  private String readToken() {
    StringBuilder sb = new StringBuilder();
    while (!isDelimiter(peek())) {
      sb.append((char) next());
    }
    return sb.toString();
  }

  private Object readHash(SourcePos start) {
    next();
    int c = peek();
    if (c == '(') {
      next();
      Object list = readListTail(start, ')');
      List<Object> items = Pair.toList(list);
      if (items == null) {
        throw error(start, "a vector literal cannot be a dotted list");
      }
      return new SVector(List.copyOf(items));
    }
    if (c == '\\') {
      next();
      return readChar(start);
    }
    String token = readToken();
    switch (token) {
      case "t", "true" -> {
        return Boolean.TRUE;
      }
      case "f", "false" -> {
        return Boolean.FALSE;
      }
      case "vu8", "u8" -> {
        if (peek() != '(') {
          throw error(start, "expected '(' after #" + token);
        }
        next();
        return readBytevector(start);
      }
      default -> {}
    }
    if (!token.isEmpty() && "xXdDbBoOeEiI".indexOf(token.charAt(0)) >= 0) {
      Object n = parseNumber("#" + token, start);
      if (n != null) {
        return n;
      }
    }
    throw error(start, "unknown # syntax: #" + token);
  }

  private Object readChar(SourcePos start) {
    if (peek() == -1) {
      throw error(start, "end of file after #\\");
    }
    // The first character is taken even if it is a delimiter: #\( #\space-less #\ are characters.
    StringBuilder sb = new StringBuilder();
    sb.append((char) next());
    while (!isDelimiter(peek())) {
      sb.append((char) next());
    }
    String name = sb.toString();
    if (name.codePointCount(0, name.length()) == 1) {
      return new SChar(name.codePointAt(0));
    }
    int named = CharNames.byName(name);
    if (named >= 0) {
      return new SChar(named);
    }
    if ((name.charAt(0) == 'x' || name.charAt(0) == 'X') && name.length() > 1) {
      try {
        int cp = Integer.parseInt(name.substring(1), 16);
        if (Character.isValidCodePoint(cp)) {
          return new SChar(cp);
        }
      } catch (NumberFormatException e) {
        // fall through to the error below
      }
    }
    throw error(start, "unknown character name #\\" + name);
  }

  private Object readBytevector(SourcePos start) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    while (true) {
      skipAtmosphere();
      SourcePos itemPos = pos();
      Object d = readItem();
      if (d == null) {
        throw error(start, "unterminated bytevector");
      }
      if (d == CLOSE) {
        return new Bytevector(bytes.toByteArray());
      }
      if (!(d instanceof Long n) || n < 0 || n > 255) {
        throw error(itemPos, "bytevector element must be a byte (0..255): " + Datums.write(d));
      }
      bytes.write(n.intValue());
    }
  }

  private Object readAtom(SourcePos start) {
    String token = readToken();
    if (token.isEmpty()) {
      // A lone delimiter we do not read as an atom, e.g. '{'.
      throw error(start, "unexpected character '" + (char) next() + "'");
    }
    if (token.equals(".")) {
      return DOT;
    }
    Object n = parseNumber(token, start);
    if (n != null) {
      return n;
    }
    return new Sym(token);
  }

  /** Parses an exact integer with an optional radix prefix; null if the token is not a number. */
  private Object parseNumber(String token, SourcePos start) {
    int radix = 10;
    String t = token;
    while (t.length() >= 2 && t.charAt(0) == '#') {
      switch (Character.toLowerCase(t.charAt(1))) {
        case 'x' -> radix = 16;
        case 'b' -> radix = 2;
        case 'o' -> radix = 8;
        case 'd' -> radix = 10;
        case 'e' -> {}
        case 'i' -> throw error(start, "inexact numbers are not supported: " + token);
        default -> {
          return null;
        }
      }
      t = t.substring(2);
    }
    int i = 0;
    if (!t.isEmpty() && (t.charAt(0) == '+' || t.charAt(0) == '-')) {
      i = 1;
    }
    if (i >= t.length()) {
      return radix == 10 && token.equals(t) ? null : badNumber(token, start);
    }
    boolean allDigits = true;
    for (int j = i; j < t.length(); j++) {
      if (Character.digit(t.charAt(j), radix) < 0) {
        allDigits = false;
        break;
      }
    }
    if (!allDigits) {
      if (radix == 10 && token.equals(t)) {
        // A decimal-looking token with a point or exponent is a flonum, which we do not have.
        if (FLONUM.matcher(t).matches()) {
          throw error(start, "only fixnums are supported, not " + token);
        }
        return null;
      }
      return badNumber(token, start);
    }
    try {
      long v = Long.parseLong(t, radix);
      if (v < FIXNUM_MIN || v > FIXNUM_MAX) {
        throw error(start, "integer literal out of fixnum range: " + token);
      }
      return v;
    } catch (NumberFormatException e) {
      throw error(start, "integer literal out of fixnum range: " + token);
    }
  }

  private Object badNumber(String token, SourcePos start) {
    throw error(start, "bad number syntax: " + token);
  }
}
