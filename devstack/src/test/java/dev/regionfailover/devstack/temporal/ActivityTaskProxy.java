package dev.regionfailover.devstack.temporal;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.Grpc;
import io.grpc.HandlerRegistry;
import io.grpc.InsecureChannelCredentials;
import io.grpc.InsecureServerCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerMethodDefinition;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.temporal.api.workflowservice.v1.PollActivityTaskQueueResponse;
import io.temporal.api.workflowservice.v1.RespondActivityTaskCanceledRequest;
import io.temporal.api.workflowservice.v1.RespondActivityTaskCompletedRequest;
import io.temporal.api.workflowservice.v1.RespondActivityTaskFailedRequest;
import io.temporal.api.workflowservice.v1.RespondWorkflowTaskCompletedResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A transparent gRPC proxy on 127.0.0.1 between a worker and the Temporal frontend, for crash tests
 * that kill the worker after an activity's work is done but before Temporal recorded it. It
 * forwards every call of every service unchanged, with its metadata and deadline (all of {@code
 * WorkflowService}'s methods are unary), and reads two kinds of them: each activity task the server
 * hands the worker is shown to the {@link #onActivityTask observers} before the worker gets it, and
 * an activity's completion (completed, failed or canceled) that a test asked to {@link
 * #holdCompletion hold} is kept from the server until the test releases it, and then dropped, never
 * forwarded: the worker that sent it has been killed by then, so the server must learn of the
 * attempt only through its heartbeat timeout.
 */
public final class ActivityTaskProxy implements AutoCloseable {

  /** One activity task as the server handed it to the worker. */
  public record ActivityTask(
      ByteString taskToken,
      String workflowId,
      String activityId,
      String activityType,
      int attempt) {}

  private static final String POLL = "PollActivityTaskQueue";
  private static final String WORKFLOW_TASK_COMPLETED = "RespondWorkflowTaskCompleted";
  private static final List<String> COMPLETIONS =
      List.of(
          "RespondActivityTaskCompleted",
          "RespondActivityTaskFailed",
          "RespondActivityTaskCanceled");
  private static final int MAX_MESSAGE_BYTES = 128 * 1024 * 1024;
  private static final Metadata.Key<String> TIMEOUT =
      Metadata.Key.of("grpc-timeout", Metadata.ASCII_STRING_MARSHALLER);

  private final ManagedChannel upstream;
  private final Server server;
  private final List<Consumer<ActivityTask>> observers = new CopyOnWriteArrayList<>();
  private final List<Consumer<ByteString>> completionObservers = new CopyOnWriteArrayList<>();
  private final List<CompletionHold> armed = new ArrayList<>();

  private ActivityTaskProxy(String upstreamTarget) throws IOException {
    upstream =
        Grpc.newChannelBuilder(upstreamTarget, InsecureChannelCredentials.create())
            .maxInboundMessageSize(MAX_MESSAGE_BYTES)
            .build();
    server =
        NettyServerBuilder.forAddress(
                new InetSocketAddress("127.0.0.1", 0), InsecureServerCredentials.create())
            .maxInboundMessageSize(MAX_MESSAGE_BYTES)
            .fallbackHandlerRegistry(new Forwarding())
            .build()
            .start();
  }

  /** Starts a proxy on a free port of 127.0.0.1 in front of {@code upstreamTarget}. */
  public static ActivityTaskProxy start(String upstreamTarget) {
    try {
      return new ActivityTaskProxy(requireNonNull(upstreamTarget, "upstreamTarget is null"));
    } catch (IOException e) {
      throw new UncheckedIOException("could not start the gRPC proxy", e);
    }
  }

  /** The target workers connect to instead of the server's, {@code 127.0.0.1:PORT}. */
  public String target() {
    return "127.0.0.1:" + server.getPort();
  }

  /**
   * Shows {@code observer} every activity task the server hands a worker through this proxy, on the
   * proxy's thread and before the worker receives it, so that what it arms is armed in time: the
   * tasks of activity polls, and those the server hands out eagerly in its answer to a completed
   * workflow task.
   */
  public void onActivityTask(Consumer<ActivityTask> observer) {
    observers.add(requireNonNull(observer, "observer is null"));
  }

  /**
   * Shows {@code observer} the task token of every activity completion (completed, failed or
   * canceled) that the proxy forwards to the server, before it forwards it; a held one is not
   * shown.
   */
  public void onActivityCompletion(Consumer<ByteString> observer) {
    completionObservers.add(requireNonNull(observer, "observer is null"));
  }

  /** Holds the first completion of the task with {@code taskToken} (see the class comment). */
  public synchronized CompletionHold holdCompletion(ByteString taskToken) {
    CompletionHold hold = new CompletionHold(requireNonNull(taskToken, "taskToken is null"));
    armed.add(hold);
    return hold;
  }

  private synchronized Optional<CompletionHold> claim(ByteString taskToken) {
    Optional<CompletionHold> hold =
        armed.stream().filter(h -> h.taskToken().equals(taskToken)).findFirst();
    hold.ifPresent(armed::remove);
    return hold.filter(h -> !h.released());
  }

  @Override
  public void close() {
    synchronized (this) {
      armed.forEach(CompletionHold::release);
    }
    server.shutdownNow();
    upstream.shutdownNow();
    try {
      server.awaitTermination(5, TimeUnit.SECONDS);
      upstream.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Serves every method the worker calls by forwarding it as bytes. */
  private final class Forwarding extends HandlerRegistry {

    @Override
    public ServerMethodDefinition<?, ?> lookupMethod(String methodName, String authority) {
      MethodDescriptor<byte[], byte[]> method =
          MethodDescriptor.<byte[], byte[]>newBuilder()
              .setType(MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(methodName)
              .setRequestMarshaller(Bytes.MARSHALLER)
              .setResponseMarshaller(Bytes.MARSHALLER)
              .build();
      return ServerMethodDefinition.create(method, new UnaryForward());
    }
  }

  /** Forwards one unary call, reading the activity tasks and completions it carries. */
  private final class UnaryForward implements ServerCallHandler<byte[], byte[]> {

    @Override
    public ServerCall.Listener<byte[]> startCall(
        ServerCall<byte[], byte[]> call, Metadata headers) {
      Deadline deadline = Context.current().getDeadline();
      call.request(2);
      return new ServerCall.Listener<>() {
        private byte[] request;
        private ClientCall<byte[], byte[]> forwarded;

        @Override
        public void onMessage(byte[] message) {
          request = message;
        }

        @Override
        public void onHalfClose() {
          String name = call.getMethodDescriptor().getBareMethodName();
          if (COMPLETIONS.contains(name)) {
            ByteString token = taskToken(name, request);
            Optional<CompletionHold> hold = claim(token);
            if (hold.isPresent()) {
              hold.get().hold(call);
              return;
            }
            completionObservers.forEach(observer -> observer.accept(token));
          }
          forwarded = forward(call, headers, deadline, request);
        }

        @Override
        public void onCancel() {
          if (forwarded != null) {
            forwarded.cancel("the worker cancelled the call", null);
          }
        }
      };
    }
  }

  private ClientCall<byte[], byte[]> forward(
      ServerCall<byte[], byte[]> call, Metadata headers, Deadline deadline, byte[] request) {
    CallOptions options =
        deadline == null ? CallOptions.DEFAULT : CallOptions.DEFAULT.withDeadline(deadline);
    ClientCall<byte[], byte[]> forwarded = upstream.newCall(call.getMethodDescriptor(), options);
    Metadata outgoing = new Metadata();
    outgoing.merge(headers);
    outgoing.discardAll(TIMEOUT);
    forwarded.start(
        new ClientCall.Listener<>() {
          private Metadata responseHeaders = new Metadata();
          private byte[] response;

          @Override
          public void onHeaders(Metadata received) {
            responseHeaders = received;
          }

          @Override
          public void onMessage(byte[] message) {
            response = message;
          }

          @Override
          public void onClose(Status status, Metadata trailers) {
            if (response != null) {
              observe(call.getMethodDescriptor().getBareMethodName(), response);
              call.sendHeaders(responseHeaders);
              call.sendMessage(response);
            }
            call.close(status, trailers);
          }
        },
        outgoing);
    forwarded.request(2);
    forwarded.sendMessage(request);
    forwarded.halfClose();
    return forwarded;
  }

  /** Shows the observers the activity tasks an answer of the server hands out. */
  private void observe(String method, byte[] response) {
    try {
      if (POLL.equals(method)) {
        observe(PollActivityTaskQueueResponse.parseFrom(response));
      } else if (WORKFLOW_TASK_COMPLETED.equals(method)) {
        RespondWorkflowTaskCompletedResponse.parseFrom(response)
            .getActivityTasksList()
            .forEach(this::observe);
      }
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("the server sent an unreadable answer to " + method, e);
    }
  }

  private void observe(PollActivityTaskQueueResponse task) {
    if (task.getTaskToken().isEmpty()) {
      return;
    }
    ActivityTask seen =
        new ActivityTask(
            task.getTaskToken(),
            task.getWorkflowExecution().getWorkflowId(),
            task.getActivityId(),
            task.getActivityType().getName(),
            task.getAttempt());
    observers.forEach(observer -> observer.accept(seen));
  }

  private static ByteString taskToken(String method, byte[] request) {
    try {
      return switch (method) {
        case "RespondActivityTaskCompleted" ->
            RespondActivityTaskCompletedRequest.parseFrom(request).getTaskToken();
        case "RespondActivityTaskFailed" ->
            RespondActivityTaskFailedRequest.parseFrom(request).getTaskToken();
        default -> RespondActivityTaskCanceledRequest.parseFrom(request).getTaskToken();
      };
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("the worker sent an unreadable " + method, e);
    }
  }

  /** Messages carried as the bytes they are on the wire. */
  private enum Bytes implements MethodDescriptor.Marshaller<byte[]> {
    MARSHALLER;

    @Override
    public InputStream stream(byte[] value) {
      return new ByteArrayInputStream(value);
    }

    @Override
    public byte[] parse(InputStream stream) {
      try {
        return stream.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
