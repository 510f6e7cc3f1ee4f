package io.nestcheck.api;

/**
 * The vendor of a host CPU.
 *
 * @since 0.1
 */
public enum CpuVendor {
  /** Intel (VT-x, EPT). */
  INTEL,
  /** AMD (AMD-V/SVM, RVI/NPT). */
  AMD,
  /** Hygon (AMD-compatible). */
  HYGON,
  /** Another vendor, for example an ARM implementer. */
  OTHER,
  /** Not known. */
  UNKNOWN
}
