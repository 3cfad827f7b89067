package dev.regionfailover.devstack.aws;

import static java.util.Objects.requireNonNull;

import java.net.URI;

/**
 * The emulated AWS of tests and dev mode: moto_server with the {@link AwsStandIn} in front of it.
 * Clients use {@link #endpoint()}, the stand-in's.
 */
public final class AwsStack implements AutoCloseable {

  private final MotoServer moto;
  private final AwsStandIn standIn;

  private AwsStack(MotoServer moto, AwsStandIn standIn) {
    this.moto = requireNonNull(moto, "moto is null");
    this.standIn = requireNonNull(standIn, "standIn is null");
  }

  /** Starts moto and the stand-in, each on a free port of 127.0.0.1. */
  public static AwsStack start() {
    return start(0);
  }

  /** Starts moto on a free port and the stand-in on {@code standInPort} (0: any free port). */
  public static AwsStack start(int standInPort) {
    MotoServer moto = MotoServer.start();
    try {
      return new AwsStack(moto, AwsStandIn.start(moto.endpoint(), standInPort));
    } catch (RuntimeException e) {
      moto.close();
      throw e;
    }
  }

  /** Where SDK clients send every AWS request: the stand-in. */
  public URI endpoint() {
    return standIn.endpoint();
  }

  public AwsStandIn standIn() {
    return standIn;
  }

  public MotoServer moto() {
    return moto;
  }

  /** Clears all emulated state: the stand-in's and moto's. */
  public void reset() {
    standIn.reset();
  }

  @Override
  public void close() {
    try {
      standIn.close();
    } finally {
      moto.close();
    }
  }
}
