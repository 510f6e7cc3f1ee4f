package io.nestcheck.api;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import org.immutables.value.Value;

/**
 * A CPUID mask from {@code cpuid.<leaf>.<register> = "...."}: 32 characters, most significant bit (31) first, with
 * the {@code :} separators removed.
 *
 * <p>Characters: {@code 0}/{@code 1} force the bit, {@code F} the guest requires it off, {@code T} on, {@code R}
 * and {@code H} pass the host value, {@code -} and {@code x} leave the default.
 *
 * @since 0.1
 */
@Value.Immutable
@NestcheckStyle
@JsonSerialize(as = ImmutableCpuidMask.class)
@JsonDeserialize(as = ImmutableCpuidMask.class)
public abstract class CpuidMask implements WithCpuidMask {

  /** A CPUID register. */
  public enum Register {
    /** EAX. */
    EAX,
    /** EBX. */
    EBX,
    /** ECX. */
    ECX,
    /** EDX. */
    EDX
  }

  /** The CPUID leaf, for example {@code 1} or {@code 0x80000001}. */
  @Value.Parameter
  public abstract long leaf();

  /** The register. */
  @Value.Parameter
  public abstract Register register();

  /** The 32-character mask, bit 31 first, without separators. */
  @Value.Parameter
  public abstract String mask();

  /** The mask character for {@code bit} (0 = least significant). */
  public final char bitChar(int bit) {
    if (bit < 0 || bit > 31) {
      throw new IllegalArgumentException("bit must be in 0..31, got " + bit);
    }
    return mask().charAt(31 - bit);
  }

  @Value.Check
  void check() {
    if (mask().length() != 32) {
      throw new IllegalStateException("CPUID mask must have 32 characters without ':', got " + mask().length());
    }
    if (leaf() < 0 || leaf() > 0xFFFFFFFFL) {
      throw new IllegalStateException("CPUID leaf out of range: " + leaf());
    }
  }

  /** A mask for {@code leaf}/{@code register}. */
  public static CpuidMask of(long leaf, Register register, String mask) {
    return ImmutableCpuidMask.of(leaf, register, mask);
  }
}
