package dev.regionfailover.devstack.aws;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension giving tests the emulated AWS: one {@link AwsStack} per test JVM, started when
 * a test first needs it and closed when the run ends, reset before every test so that tests never
 * see each other's resources. Test constructors and methods can declare {@link AwsStack} and {@link
 * EmulatorClients} parameters.
 *
 * <p>Where the system property {@value RecordedOperations#DIRECTORY_PROPERTY} names a directory,
 * the operations each test class made the stand-in see are written there after the class ({@link
 * RecordedOperations}), for the check that the worker's IAM policy allows them.
 *
 * <pre>{@code
 * @ExtendWith(AwsStackExtension.class)
 * class SomethingTest {
 *   @Test
 *   void works(AwsStack aws, EmulatorClients clients) { ... }
 * }
 * }</pre>
 */
public final class AwsStackExtension
    implements BeforeEachCallback, AfterEachCallback, AfterAllCallback, ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(AwsStackExtension.class);

  @Override
  public void beforeEach(ExtensionContext context) {
    stack(context).reset();
  }

  /** Keeps what the test did before the next test's reset clears it. */
  @Override
  public void afterEach(ExtensionContext context) {
    AwsStack stack = context.getRoot().getStore(NAMESPACE).get(AwsStack.class, AwsStack.class);
    if (stack != null) {
      recorded(context).addAll(stack.standIn().recordedOperations());
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    String directory = System.getProperty(RecordedOperations.DIRECTORY_PROPERTY);
    if (directory != null && !directory.isBlank()) {
      RecordedOperations.write(
          Path.of(directory), context.getRequiredTestClass().getName(), recorded(context));
    }
  }

  /** The operations recorded by the tests of the test class, kept in the root store. */
  @SuppressWarnings("unchecked")
  private static Set<RecordedOperation> recorded(ExtensionContext context) {
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(
            "recorded:" + context.getRequiredTestClass().getName(),
            key -> new HashSet<>(),
            Set.class);
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == AwsStack.class || type == EmulatorClients.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == AwsStack.class ? stack(context) : clients(context);
  }

  /** The stack of this test JVM; the root store closes it (it is AutoCloseable) after the run. */
  private static AwsStack stack(ExtensionContext context) {
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(AwsStack.class, key -> AwsStack.start(), AwsStack.class);
  }

  private static EmulatorClients clients(ExtensionContext context) {
    AwsStack stack = stack(context);
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(
            EmulatorClients.class,
            key -> new EmulatorClients(stack.endpoint()),
            EmulatorClients.class);
  }
}
