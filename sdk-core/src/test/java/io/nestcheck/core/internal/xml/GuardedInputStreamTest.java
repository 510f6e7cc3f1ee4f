package io.nestcheck.core.internal.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class GuardedInputStreamTest {

  @Test
  void deliversUpToTheLimitAndRefusesMore() throws Exception {
    byte[] ten = new byte[10];
    try (GuardedInputStream g = GuardedInputStream.of(new ByteArrayInputStream(ten), 10, "thing")) {
      assertThat(g.readAllBytes()).hasSize(10);
      assertThat(g.count()).isEqualTo(10);
    }
    GuardedInputStream g = GuardedInputStream.of(new ByteArrayInputStream(new byte[11]), 10, "the thing");
    assertThatThrownBy(g::readAllBytes).isInstanceOf(GuardedInputStream.LimitExceededException.class)
        .hasMessageContaining("the thing").hasMessageContaining("10 bytes");
    GuardedInputStream single = GuardedInputStream.of(new ByteArrayInputStream(new byte[3]), 2, "x");
    single.read();
    single.read();
    assertThatThrownBy(single::read).isInstanceOf(GuardedInputStream.LimitExceededException.class);
    GuardedInputStream skipping = GuardedInputStream.of(new ByteArrayInputStream(new byte[30]), 20, "x");
    assertThatThrownBy(() -> skipping.skip(25)).isInstanceOf(GuardedInputStream.LimitExceededException.class);
  }

  @Test
  void marksFailuresOfTheWrappedStream() {
    InputStream broken = new InputStream() {
      @Override
      public int read() throws IOException {
        throw new IOException("disk on fire");
      }
    };
    GuardedInputStream g = GuardedInputStream.of(broken, 100, "x");
    assertThatThrownBy(g::read).isInstanceOf(GuardedInputStream.SourceReadException.class)
        .hasMessageContaining("disk on fire").hasCauseInstanceOf(IOException.class);
  }

  @Test
  void nonClosingLeavesTheStreamOpen() throws Exception {
    boolean[] closed = {false};
    InputStream in = new ByteArrayInputStream(new byte[1]) {
      @Override
      public void close() {
        closed[0] = true;
      }
    };
    GuardedInputStream.nonClosing(in, 5, "x").close();
    assertThat(closed[0]).isFalse();
    GuardedInputStream.of(in, 5, "x").close();
    assertThat(closed[0]).isTrue();
  }

  @Test
  void describesSizes() {
    assertThat(GuardedInputStream.describeBytes(64L << 20)).isEqualTo("64 MiB");
    assertThat(GuardedInputStream.describeBytes(2L << 30)).isEqualTo("2 GiB");
    assertThat(GuardedInputStream.describeBytes(512 * 1024)).isEqualTo("512 KiB");
    assertThat(GuardedInputStream.describeBytes(17)).isEqualTo("17 bytes");
  }
}
