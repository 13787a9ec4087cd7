package org.backstop.listing;

/** A database failure, unchecked so callers that cannot recover need not declare it. */
public final class StorageException extends RuntimeException {
  public StorageException(Throwable cause) {
    super(cause.getMessage(), cause);
  }
}
