package io.nestcheck.core.internal.ovf;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AllocationUnitsTest {

  @ParameterizedTest(name = "{0} = {1} bytes")
  @CsvSource(delimiter = '|', value = {
    "byte                | 1",
    "bytes               | 1",
    "Byte                | 1",
    "byte * 2^10         | 1024",
    "byte * 2^20         | 1048576",
    "byte*2^20           | 1048576",
    "byte*2^30           | 1073741824",
    "  byte  *  2 ^ 30   | 1073741824",
    "byte * 2^40         | 1099511627776",
    "bytes * 10^6        | 1000000",
    "byte * 10^9         | 1000000000",
    "byte * 1024         | 1024",
    "byte * 2^10 * 2^10  | 1048576",
    "bit * 2^3           | 1",
    "bit * 2^23          | 1048576",
    "KB                  | 1024",
    "KiB                 | 1024",
    "KiloBytes           | 1024",
    "MB                  | 1048576",
    "MegaBytes           | 1048576",
    "megabytes           | 1048576",
    "MiB                 | 1048576",
    "GB                  | 1073741824",
    "GigaBytes           | 1073741824",
    "GiB                 | 1073741824",
    "TB                  | 1099511627776",
  })
  void recognisedUnits(String units, String bytes) {
    assertThat(AllocationUnits.bytesPerUnit(units)).contains(new BigInteger(bytes));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "  ", "hertz * 10^6", "Hertz*10^9", "furlongs", "byte *", "byte * ^3", "byte * 2^",
      "byte * 2^x", "byte * 0", "byte * 0^2", "byte * 2^999", "bit", "bit * 3", "byte / 2", "* 2^20", "byte byte",
      "byte * -2^20", "byte * 2^-1"})
  void unrecognisedUnits(String units) {
    assertThat(AllocationUnits.bytesPerUnit(units)).isEmpty();
  }

  @Test
  void nullIsUnrecognised() {
    assertThat(AllocationUnits.bytesPerUnit(null)).isEmpty();
  }

  @Test
  void convertsToWholeMiBRoundingDown() {
    BigInteger mib = BigInteger.ONE.shiftLeft(20);
    assertThat(AllocationUnits.toMiB(BigInteger.valueOf(8192), mib)).contains(8192L);
    assertThat(AllocationUnits.toMiB(BigInteger.valueOf(32), BigInteger.ONE.shiftLeft(30))).contains(32768L);
    assertThat(AllocationUnits.toMiB(BigInteger.valueOf(1_000_000_000L), BigInteger.ONE)).contains(953L);
    assertThat(AllocationUnits.toMiB(BigInteger.valueOf(10), BigInteger.ONE)).contains(0L);
    assertThat(AllocationUnits.toMiB(BigInteger.TEN.pow(30), BigInteger.ONE.shiftLeft(40))).isEmpty();
  }
}
