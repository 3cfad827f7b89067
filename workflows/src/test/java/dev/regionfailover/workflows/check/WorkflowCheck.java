package dev.regionfailover.workflows.check;

import io.temporal.workflow.WorkflowInterface;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Finds non-deterministic calls in workflow code, the way temporal-workflowcheck does (which is not
 * published for the SDK version in use): from every method of each workflow implementation it
 * follows the calls into this project's classes, lambdas included, and reports each call of a
 * member configured as invalid (system time, randomness, threads, I/O) with the path that reaches
 * it. It follows the method a call names (or the one a superclass declares), not the overrides a
 * virtual call may reach; the workflows dispatch only to activity stubs and final classes.
 */
final class WorkflowCheck {

  private static final String PROJECT = "dev/regionfailover/";

  /**
   * Members a workflow must not call, as {@code owner.name} or {@code owner.*} for every member,
   * with the deterministic replacement.
   */
  static final Map<String, String> INVALID =
      Map.ofEntries(
          Map.entry("java/lang/System.currentTimeMillis", "Workflow.currentTimeMillis()"),
          Map.entry("java/lang/System.nanoTime", "Workflow.currentTimeMillis()"),
          Map.entry("java/lang/System.getenv", "an activity"),
          Map.entry("java/lang/System.getProperty", "an activity"),
          Map.entry("java/lang/System.out", "Workflow.getLogger"),
          Map.entry("java/lang/System.err", "Workflow.getLogger"),
          Map.entry("java/time/Instant.now", "Workflow.currentTimeMillis()"),
          Map.entry("java/time/LocalDate.now", "Workflow.currentTimeMillis()"),
          Map.entry("java/time/LocalDateTime.now", "Workflow.currentTimeMillis()"),
          Map.entry("java/time/LocalTime.now", "Workflow.currentTimeMillis()"),
          Map.entry("java/time/OffsetDateTime.now", "Workflow.currentTimeMillis()"),
          Map.entry("java/time/ZonedDateTime.now", "Workflow.currentTimeMillis()"),
          Map.entry("java/time/Clock.*", "Workflow.currentTimeMillis()"),
          Map.entry("java/util/Date.<init>", "Workflow.currentTimeMillis()"),
          Map.entry("java/util/UUID.randomUUID", "Workflow.randomUUID()"),
          Map.entry("java/lang/Math.random", "Workflow.newRandom()"),
          Map.entry("java/util/Random.<init>", "Workflow.newRandom()"),
          Map.entry("java/util/concurrent/ThreadLocalRandom.*", "Workflow.newRandom()"),
          Map.entry("java/security/SecureRandom.*", "an activity"),
          Map.entry("java/lang/Thread.*", "Workflow.sleep or Async"),
          Map.entry("java/util/concurrent/Executors.*", "Async"),
          Map.entry("java/util/concurrent/CompletableFuture.*", "Promise"),
          Map.entry("java/nio/file/Files.*", "an activity"),
          Map.entry("java/io/File.*", "an activity"),
          Map.entry("java/io/FileInputStream.*", "an activity"),
          Map.entry("java/io/FileOutputStream.*", "an activity"),
          Map.entry("java/net/URL.*", "an activity"),
          Map.entry("java/net/Socket.*", "an activity"),
          Map.entry("java/net/http/HttpClient.*", "an activity"));

  private final Set<String> visited = new HashSet<>();
  private final List<String> problems = new ArrayList<>();

  private WorkflowCheck() {}

  /** The problems of every workflow implementation among the classes under {@code classes}. */
  static List<String> checkAll(Path classes) {
    WorkflowCheck check = new WorkflowCheck();
    for (Class<?> type : workflowImplementations(classes)) {
      check.checkClass(type);
    }
    return check.problems;
  }

  /** The problems of one workflow implementation. */
  static List<String> check(Class<?> workflow) {
    WorkflowCheck check = new WorkflowCheck();
    check.checkClass(workflow);
    return check.problems;
  }

  static List<Class<?>> workflowImplementations(Path classes) {
    try (Stream<Path> files = Files.walk(classes)) {
      List<Class<?>> found = new ArrayList<>();
      for (Path file : files.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
        String relative = classes.relativize(file).toString();
        String name = relative.substring(0, relative.length() - ".class".length());
        Class<?> type = Class.forName(name.replace('/', '.'), false, loader());
        if (!type.isInterface()
            && Arrays.stream(type.getInterfaces())
                .anyMatch(i -> i.isAnnotationPresent(WorkflowInterface.class))) {
          found.add(type);
        }
      }
      return found;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
  }

  private void checkClass(Class<?> workflow) {
    String owner = workflow.getName().replace('.', '/');
    ClassReader reader = read(owner);
    reader.accept(
        new ClassVisitor(Opcodes.ASM9) {
          @Override
          public MethodVisitor visitMethod(
              int access, String name, String descriptor, String signature, String[] exceptions) {
            follow(owner, name, descriptor, simple(owner) + "." + name);
            return null;
          }
        },
        ClassReader.SKIP_DEBUG);
  }

  /** Visits the method {@code owner.name descriptor} unless already visited, reporting via path. */
  private void follow(String owner, String name, String descriptor, String path) {
    if (!visited.add(owner + "." + name + descriptor)) {
      return;
    }
    String declaring = owner;
    while (declaring != null && declaring.startsWith(PROJECT)) {
      ClassReader reader = read(declaring);
      boolean[] found = {false};
      reader.accept(
          new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(
                int access, String method, String desc, String signature, String[] exceptions) {
              if (!method.equals(name) || !desc.equals(descriptor)) {
                return null;
              }
              found[0] = true;
              return new Calls(path);
            }
          },
          ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
      declaring = found[0] ? null : reader.getSuperName();
    }
  }

  /** Checks each call and static field read of one method, and follows calls into the project. */
  private final class Calls extends MethodVisitor {

    private final String path;

    Calls(String path) {
      super(Opcodes.ASM9);
      this.path = path;
    }

    @Override
    public void visitMethodInsn(
        int opcode, String owner, String name, String descriptor, boolean isInterface) {
      visit(owner, name, descriptor);
    }

    @Override
    public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
      if (opcode == Opcodes.GETSTATIC) {
        invalid(owner, name);
      }
    }

    @Override
    public void visitInvokeDynamicInsn(
        String name, String descriptor, Handle bootstrap, Object... arguments) {
      for (Object argument : arguments) {
        if (argument instanceof Handle handle) {
          visit(handle.getOwner(), handle.getName(), handle.getDesc());
        }
      }
    }

    private void visit(String owner, String name, String descriptor) {
      if (invalid(owner, name)) {
        return;
      }
      if (owner.startsWith(PROJECT)) {
        follow(owner, name, descriptor, path + " -> " + simple(owner) + "." + name);
      }
    }

    private boolean invalid(String owner, String name) {
      String replacement = INVALID.get(owner + "." + name);
      if (replacement == null) {
        replacement = INVALID.get(owner + ".*");
      }
      if (replacement == null) {
        return false;
      }
      problems.add(
          "%s -> %s.%s is not deterministic; use %s"
              .formatted(path, owner.replace('/', '.'), name, replacement));
      return true;
    }
  }

  private static ClassReader read(String internalName) {
    try (InputStream in = loader().getResourceAsStream(internalName + ".class")) {
      if (in == null) {
        throw new IllegalStateException("no class file for " + internalName);
      }
      return new ClassReader(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ClassLoader loader() {
    return WorkflowCheck.class.getClassLoader();
  }

  private static String simple(String internalName) {
    return internalName.substring(internalName.lastIndexOf('/') + 1);
  }
}
