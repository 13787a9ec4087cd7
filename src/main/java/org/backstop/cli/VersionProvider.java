package org.backstop.cli;

import picocli.CommandLine.IVersionProvider;

/** Reports the version recorded in the jar's manifest, or "development" when run from classes. */
final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String v = Main.class.getPackage().getImplementationVersion();
    return new String[] {"backstop " + (v == null ? "development" : v)};
  }
}
