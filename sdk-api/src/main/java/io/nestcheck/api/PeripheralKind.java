package io.nestcheck.api;

/**
 * A kind of peripheral device that matters only for hygiene checks.
 *
 * @since 0.1
 */
public enum PeripheralKind {
  /** A sound card. */
  SOUND,
  /** A USB controller. */
  USB,
  /** A floppy drive. */
  FLOPPY,
  /** A serial port. */
  SERIAL,
  /** A parallel port. */
  PARALLEL,
  /** A CD/DVD drive. */
  CDROM
}
