package dev.regionfailover.devstack.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Free TCP ports on the loopback interface, for servers the dev stack starts. */
public final class FreePorts {

  private FreePorts() {}

  /**
   * A port that was free on 127.0.0.1 a moment ago. Another process may take it before the caller
   * binds it; the dev stack accepts that small race in exchange for letting child processes bind
   * their own ports.
   */
  public static int loopback() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port on the loopback interface", e);
    }
  }
}
