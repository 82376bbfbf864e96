package dev.lurcher.scheme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lurcher.scheme.reader.Datums;
import dev.lurcher.scheme.reader.Reader;
import dev.lurcher.scheme.reader.SchemeSyntaxError;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/** The reader on its own: round trips and error positions. */
class ReaderTest {
  private static String roundTrip(String text) {
    List<Object> data = Reader.readAll("t.scm", text);
    return String.join(" ", data.stream().map(Datums::write).toList());
  }

  @Property
  void fixnumsRoundTrip(
      @ForAll @LongRange(min = Reader.FIXNUM_MIN, max = Reader.FIXNUM_MAX) long n) {
    assertThat(roundTrip(Long.toString(n))).isEqualTo(Long.toString(n));
  }

  @Test
  void readsNestedCommentsAndAbbreviations() {
    assertThat(roundTrip("#| a #| b |# c |# (a #;(b c) . d) `(x ,y ,@z)"))
        .isEqualTo("(a . d) (quasiquote (x (unquote y) (unquote-splicing z)))");
  }

  @Test
  void fixnumOutOfRangeIsASyntaxError() {
    assertThatThrownBy(() -> Reader.readAll("big.scm", "\n  2305843009213693952"))
        .isInstanceOf(SchemeSyntaxError.class)
        .hasMessage(
            "big.scm:2:3: syntax error: integer literal out of fixnum range: 2305843009213693952");
  }

  @Test
  void unterminatedStringNamesItsStart() {
    assertThatThrownBy(() -> Reader.readAll("s.scm", "(display\n \"abc"))
        .isInstanceOf(SchemeSyntaxError.class)
        .hasMessage("s.scm:2:2: syntax error: unterminated string");
  }
}
