package io.nestcheck.api;

/**
 * The boot firmware of a VM.
 *
 * @since 0.1
 */
public enum Firmware {
  /** Legacy BIOS (the {@code .vmx} default when {@code firmware} is absent). */
  BIOS,
  /** UEFI ({@code firmware = "efi"}). */
  EFI
}
