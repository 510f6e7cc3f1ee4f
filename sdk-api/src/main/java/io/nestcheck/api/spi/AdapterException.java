package io.nestcheck.api.spi;

/**
 * A platform adapter could not talk to its platform (connection refused, authentication failed, certificate not
 * trusted, a fault the adapter cannot handle). The message names the endpoint and never contains credentials.
 *
 * @since 0.1
 */
public class AdapterException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Creates the exception. */
  public AdapterException(String message) {
    super(message);
  }

  /** Creates the exception with a cause. */
  public AdapterException(String message, Throwable cause) {
    super(message, cause);
  }
}
