package dev.lurcher.gc.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HeapOptionsTest {
  @Test
  void defaults() {
    HeapOptions d = HeapOptions.defaults();
    assertThat(d.collector()).isEqualTo(CollectorKind.SEMI);
    assertThat(d.heapSize()).isEqualTo(64L << 20);
    assertThat(d.checked()).isEqualTo(CheckLevel.ON);
    assertThat(d.verify()).isFalse();
    assertThat(d.gcTorture()).isZero();
    assertThat(d.parallelism()).isEqualTo(Runtime.getRuntime().availableProcessors());
    assertThat(d)
        .hasToString(
            "collector=semi,heap-size=67108864,checked=on,verify=false,gc-torture=0,parallelism="
                + Runtime.getRuntime().availableProcessors()
                + ",roots=precise,heap=precise,large-object-threshold=8192");
  }

  @Test
  void blankAndNullTextGiveTheDefaults() {
    assertThat(HeapOptions.parse("")).isEqualTo(HeapOptions.defaults());
    assertThat(HeapOptions.parse("   ")).isEqualTo(HeapOptions.defaults());
    assertThat(HeapOptions.parse(null)).isEqualTo(HeapOptions.defaults());
  }

  @Test
  void everyKeyParses() {
    HeapOptions o =
        HeapOptions.parse("collector=semi,heap-size=3m,checked=full,verify=true,gc-torture=7");
    assertThat(o.collector()).isEqualTo(CollectorKind.SEMI);
    assertThat(o.heapSize()).isEqualTo(3L << 20);
    assertThat(o.checked()).isEqualTo(CheckLevel.FULL);
    assertThat(o.verify()).isTrue();
    assertThat(o.gcTorture()).isEqualTo(7);

    assertThat(HeapOptions.parse("checked=off").checked()).isEqualTo(CheckLevel.OFF);
    assertThat(HeapOptions.parse("checked=on").checked()).isEqualTo(CheckLevel.ON);
    assertThat(HeapOptions.parse("verify=false").verify()).isFalse();
    assertThat(HeapOptions.parse("gc-torture=0").gcTorture()).isZero();
  }

  @Test
  void whitespaceAroundKeysAndValuesIsIgnoredAndLaterKeysWin() {
    HeapOptions o = HeapOptions.parse(" heap-size = 1m , verify = true , heap-size=2m ");
    assertThat(o.heapSize()).isEqualTo(2L << 20);
    assertThat(o.verify()).isTrue();
  }

  @Test
  void roundTripOfEveryCombinationOfEnumsAndBooleans() {
    for (CheckLevel level : CheckLevel.values()) {
      for (boolean verify : new boolean[] {false, true}) {
        HeapOptions o =
            HeapOptions.defaults()
                .withChecked(level)
                .withVerify(verify)
                .withHeapSize(HeapOptions.MIN_HEAP_SIZE + 16)
                .withGcTorture(Integer.MAX_VALUE);
        HeapOptions back = HeapOptions.parse(o.toString());
        assertThat(back).isEqualTo(o).hasSameHashCodeAs(o);
        assertThat(back.asMap()).isEqualTo(o.asMap());
        assertThat(back.checked()).isEqualTo(level);
        assertThat(back.verify()).isEqualTo(verify);
      }
    }
  }

  @Test
  void withAppliesOverExistingOptions() {
    HeapOptions base = HeapOptions.parse("verify=true,heap-size=1m");
    HeapOptions o = base.with("gc-torture=3");
    assertThat(o.verify()).isTrue();
    assertThat(o.heapSize()).isEqualTo(1L << 20);
    assertThat(o.gcTorture()).isEqualTo(3);
    assertThat(base.gcTorture()).isZero(); // immutable
  }

  @ParameterizedTest
  @CsvSource({
    "256k, 262144",
    "256K, 262144",
    "1m, 1048576",
    "1M, 1048576",
    "3g, 3221225472",
    "1024g, 1099511627776",
    "262144, 262144",
    "1048577, 1048577"
  })
  void sizesWithSuffixes(String text, long bytes) {
    assertThat(HeapOptions.parse("heap-size=" + text).heapSize()).isEqualTo(bytes);
  }

  @Test
  void parseSizeAcceptsZeroAndTheSuffixesOnTheirOwnValues() {
    assertThat(HeapOptions.parseSize("x", "0")).isZero();
    assertThat(HeapOptions.parseSize("x", "0k")).isZero();
    assertThat(HeapOptions.parseSize("x", "8191g")).isEqualTo(8191L << 30);
  }

  @Test
  void unknownKeyNamesTheKey() {
    assertThatThrownBy(() -> HeapOptions.parse("heap-sise=1m"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("heap-sise");
    assertThatThrownBy(() -> HeapOptions.parse("Collector=semi"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Collector");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "collector=gen | gen",
        "roots=sometimes | sometimes",
        "heap=CONSERVATIVE | CONSERVATIVE",
        "large-object-threshold=8 | 8",
        "large-object-threshold=64k | 65536",
        "collector= | collector",
        "collector=SEMI | SEMI",
        "checked=yes | yes",
        "checked=ON | ON",
        "checked= | checked",
        "verify=yes | yes",
        "verify=1 | 1",
        "verify= | verify",
        "gc-torture=x | x",
        "gc-torture=1.5 | 1.5",
        "gc-torture=99999999999 | 99999999999",
        "gc-torture= | gc-torture",
        "heap-size=lots | lots",
        "heap-size=1t | 1t",
        "heap-size=1.5m | 1.5m",
        "heap-size=k | k",
        "heap-size= | heap-size",
        "heap-size=-1m | -1m",
        "heap-size=-262144 | -262144",
        "heap-size=1 m | 1 m"
      })
  void badValueNamesTheValue(String text, String named) {
    assertThatThrownBy(() -> HeapOptions.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(named);
  }

  @Test
  void negativeTortureNamesTheKeyAndValue() {
    assertThatThrownBy(() -> HeapOptions.parse("gc-torture=-1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("gc-torture")
        .hasMessageContaining("-1");
    assertThatThrownBy(() -> HeapOptions.defaults().withGcTorture(Integer.MIN_VALUE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("gc-torture");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"0", "1", "262143", "255k", "1025g", "1099511627777", "9223372036854775807"})
  void heapSizeOutOfRangeNamesTheKeyAndTheValue(String text) {
    long bytes = HeapOptions.parseSize("heap-size", text);
    assertThatThrownBy(() -> HeapOptions.parse("heap-size=" + text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("heap-size")
        .hasMessageContaining(Long.toString(bytes));
    assertThatThrownBy(() -> HeapOptions.defaults().withHeapSize(bytes))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("heap-size");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"9999999999g", "8589934592g", "9223372036854775808", "99999999999999999999k"})
  void sizeOverflowIsAnErrorNamingTheValue(String text) {
    assertThatThrownBy(() -> HeapOptions.parse("heap-size=" + text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("heap-size")
        .hasMessageContaining(text);
  }

  @Test
  void emptyItemIsAnError() {
    for (String text : List.of("verify=true,,checked=on", ",verify=true", "verify=true,", ",")) {
      assertThatThrownBy(() -> HeapOptions.parse(text))
          .as(text)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("empty option")
          .hasMessageContaining(text);
    }
  }

  @Test
  void missingEqualsIsAnErrorNamingTheItem() {
    assertThatThrownBy(() -> HeapOptions.parse("verify"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'verify'")
        .hasMessageContaining("key=value");
    assertThatThrownBy(() -> HeapOptions.parse("heap-size=1m,checked"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'checked'");
    assertThatThrownBy(() -> HeapOptions.parse("=semi"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'=semi'");
  }

  @Test
  void collectorKindListsTheKnownNames() {
    assertThat(CollectorKind.names()).isEqualTo("semi, pcc, mmc");
    assertThat(CollectorKind.parse("mmc")).isEqualTo(CollectorKind.MMC);
    assertThat(CollectorKind.parse("semi")).isEqualTo(CollectorKind.SEMI);
    assertThat(CollectorKind.parse("pcc")).isEqualTo(CollectorKind.PCC);
    assertThatThrownBy(() -> CollectorKind.parse("g1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'g1'")
        .hasMessageContaining("semi");
  }

  @Test
  void equalityFollowsTheTextualForm() {
    assertThat(HeapOptions.parse("heap-size=1m"))
        .isEqualTo(HeapOptions.parse("heap-size=1048576"))
        .isNotEqualTo(HeapOptions.parse("heap-size=2m"))
        .isNotEqualTo("heap-size=1m");
  }
}
