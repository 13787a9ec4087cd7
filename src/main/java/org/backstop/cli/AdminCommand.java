package org.backstop.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.backstop.web.AdminPassword;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code backstop admin set-password}: the web administrator's password, stored as bcrypt. */
@Command(
    name = "admin",
    mixinStandardHelpOptions = true,
    description = "Manages the web site's administrator login.",
    subcommands = {AdminCommand.SetPassword.class})
public final class AdminCommand implements Runnable {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(
      name = "set-password",
      mixinStandardHelpOptions = true,
      description = {
        "Sets the password of /admin. It is stored only as a bcrypt hash (cost 12) in"
            + " DIR/admin-password.bcrypt, readable by its owner; a running serve uses it at the"
            + " next login.",
        "Asks twice on a terminal; with --stdin reads one line from standard input."
      })
  static final class SetPassword implements Callable<Integer> {
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Mixin StoreOptions store;

    @Option(names = "--stdin", description = "Read the password from standard input.")
    boolean stdin;

    @Override
    public Integer call() throws Exception {
      Path data = store.settings().dataDir();
      char[] password = read();
      if (password == null) {
        return 2;
      }
      try {
        AdminPassword.write(data, AdminPassword.hash(password, AdminPassword.COST));
      } catch (IllegalArgumentException e) {
        spec.commandLine().getErr().println("backstop admin: " + e.getMessage());
        return 2;
      } finally {
        Arrays.fill(password, '\0');
      }
      spec.commandLine()
          .getOut()
          .println("administrator password set in " + data.resolve(AdminPassword.FILE));
      return 0;
    }

    private char[] read() throws Exception {
      Console console = System.console();
      if (!stdin && console != null) {
        char[] a = console.readPassword("New administrator password: ");
        char[] b = console.readPassword("Again: ");
        if (a == null || b == null || !Arrays.equals(a, b)) {
          spec.commandLine().getErr().println("backstop admin: the passwords differ");
          return null;
        }
        return a;
      }
      BufferedReader in =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      String line = in.readLine();
      if (line == null || line.isEmpty()) {
        spec.commandLine().getErr().println("backstop admin: no password on standard input");
        return null;
      }
      return line.toCharArray();
    }
  }
}
