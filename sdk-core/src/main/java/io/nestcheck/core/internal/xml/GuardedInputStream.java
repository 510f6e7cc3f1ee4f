package io.nestcheck.core.internal.xml;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

/**
 * An input stream that refuses to deliver more than a fixed number of bytes and that marks the I/O errors of the
 * stream it wraps, so that readers can tell "the file is too large" and "the file could not be read" apart from
 * "the content is malformed".
 *
 * <p>Contract: reading past {@code limit} bytes throws {@link LimitExceededException}; any {@link IOException}
 * thrown by the wrapped stream is rethrown as a {@link SourceReadException} carrying it as the cause. Closing
 * closes the wrapped stream unless the stream was created with {@link #nonClosing}. Not thread-safe.
 */
public final class GuardedInputStream extends FilterInputStream {
  private final long limit;
  private final String what;
  private final boolean closeUnderlying;
  private long count;

  private GuardedInputStream(InputStream in, long limit, String what, boolean closeUnderlying) {
    super(in);
    if (limit < 0) {
      throw new IllegalArgumentException("limit must be >= 0");
    }
    this.limit = limit;
    this.what = what;
    this.closeUnderlying = closeUnderlying;
  }

  /**
   * Wraps {@code in}.
   *
   * @param in the stream to guard; closed with this one
   * @param limit the maximum number of bytes to deliver
   * @param what a short description for the limit message, for example {@code "XML document"}
   */
  public static GuardedInputStream of(InputStream in, long limit, String what) {
    return new GuardedInputStream(in, limit, what, true);
  }

  /** Like {@link #of} but {@link #close()} leaves {@code in} open (for entries of an archive stream). */
  public static GuardedInputStream nonClosing(InputStream in, long limit, String what) {
    return new GuardedInputStream(in, limit, what, false);
  }

  /** The number of bytes delivered so far. */
  public long count() {
    return count;
  }

  @Override
  public int read() throws IOException {
    int b;
    try {
      b = in.read();
    } catch (IOException e) {
      throw new SourceReadException(e);
    }
    if (b >= 0) {
      account(1);
    }
    return b;
  }

  @Override
  public int read(byte[] buf, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    // Ask for at most one byte more than the limit allows, so that crossing it is detected without reading far.
    int ask = (int) Math.min(len, allowance());
    int n;
    try {
      n = in.read(buf, off, ask);
    } catch (IOException e) {
      throw new SourceReadException(e);
    }
    if (n > 0) {
      account(n);
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    // Skipping counts like reading: it still consumes the input. Delegating lets a file stream seek instead of
    // copying, which is what makes skipping the disks of a multi-GiB OVA cheap.
    if (n <= 0) {
      return 0;
    }
    long s;
    try {
      s = in.skip(Math.min(n, allowance()));
    } catch (IOException e) {
      throw new SourceReadException(e);
    }
    if (s > 0) {
      count += s;
      if (count > limit) {
        throw new LimitExceededException(what, limit);
      }
    }
    return s;
  }

  @Override
  public int available() throws IOException {
    try {
      return in.available();
    } catch (IOException e) {
      throw new SourceReadException(e);
    }
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  @Override
  public void close() throws IOException {
    if (closeUnderlying) {
      try {
        in.close();
      } catch (IOException e) {
        throw new SourceReadException(e);
      }
    }
  }

  /** How many bytes may still be asked for: one past the limit, so that crossing it is seen; never overflows. */
  private long allowance() {
    long remaining = limit - count;
    return remaining >= Long.MAX_VALUE - 1 ? Long.MAX_VALUE : Math.max(1, remaining + 1);
  }

  private void account(int n) throws LimitExceededException {
    count += n;
    if (count > limit) {
      throw new LimitExceededException(what, limit);
    }
  }

  /** The input is longer than the limit. */
  public static final class LimitExceededException extends IOException {
    private static final long serialVersionUID = 1L;
    private final long limit;

    LimitExceededException(String what, long limit) {
      super(String.format(Locale.ROOT, "%s is larger than the limit of %s", what, describeBytes(limit)));
      this.limit = limit;
    }

    /** The limit in bytes. */
    public long limit() {
      return limit;
    }
  }

  /** The wrapped stream failed; the cause is its exception. */
  public static final class SourceReadException extends IOException {
    private static final long serialVersionUID = 1L;

    SourceReadException(IOException cause) {
      super(cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage()), cause);
    }
  }

  /** Renders a byte count for messages: {@code 64 MiB}, {@code 512 KiB}, {@code 17 bytes}. */
  public static String describeBytes(long bytes) {
    if (bytes >= (1L << 30) && bytes % (1L << 30) == 0) {
      return (bytes >> 30) + " GiB";
    }
    if (bytes >= (1L << 20) && bytes % (1L << 20) == 0) {
      return (bytes >> 20) + " MiB";
    }
    if (bytes >= (1L << 10) && bytes % (1L << 10) == 0) {
      return (bytes >> 10) + " KiB";
    }
    return bytes + " bytes";
  }
}
