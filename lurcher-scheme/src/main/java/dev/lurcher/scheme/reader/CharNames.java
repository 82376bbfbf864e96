package dev.lurcher.scheme.reader;

import java.util.Map;

/** The named characters of R7RS ({@code #\space}, …), shared by the reader and the printers. */
public final class CharNames {
  private static final Map<String, Integer> BY_NAME =
      Map.ofEntries(
          Map.entry("alarm", 7),
          Map.entry("backspace", 8),
          Map.entry("delete", 127),
          Map.entry("escape", 27),
          Map.entry("newline", 10),
          Map.entry("null", 0),
          Map.entry("nul", 0),
          Map.entry("return", 13),
          Map.entry("space", 32),
          Map.entry("tab", 9),
          Map.entry("linefeed", 10));

  private CharNames() {}

  /** The code point named {@code name}, or -1. */
  public static int byName(String name) {
    Integer cp = BY_NAME.get(name);
    return cp == null ? -1 : cp;
  }

  /** The {@code write} representation of a character. */
  public static String write(int cp) {
    return switch (cp) {
      case 7 -> "#\\alarm";
      case 8 -> "#\\backspace";
      case 127 -> "#\\delete";
      case 27 -> "#\\escape";
      case 10 -> "#\\newline";
      case 0 -> "#\\null";
      case 13 -> "#\\return";
      case 32 -> "#\\space";
      case 9 -> "#\\tab";
      default ->
          cp < 32 ? "#\\x" + Integer.toHexString(cp) : "#\\" + new String(Character.toChars(cp));
    };
  }
}
