package dev.regionfailover.devstack.aws;

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
 * <pre>{@code
 * @ExtendWith(AwsStackExtension.class)
 * class SomethingTest {
 *   @Test
 *   void works(AwsStack aws, EmulatorClients clients) { ... }
 * }
 * }</pre>
 */
public final class AwsStackExtension implements BeforeEachCallback, ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(AwsStackExtension.class);

  @Override
  public void beforeEach(ExtensionContext context) {
    stack(context).reset();
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
