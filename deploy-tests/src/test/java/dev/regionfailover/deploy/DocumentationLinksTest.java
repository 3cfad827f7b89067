package dev.regionfailover.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks that every relative link of README.md and docs/*.md points at a file that exists and, when
 * it names an anchor, at a heading of that file, with anchors made as GitHub makes them: lower
 * case, punctuation dropped, spaces to hyphens, a numbered suffix for repeated headings. The
 * runbook is read at 2 AM; a link that leads nowhere there costs minutes. Also checks that the
 * README stays short, and that its quick start is what {@code .ci/run} runs.
 */
class DocumentationLinksTest {

  private static final Path ROOT = RepositoryRoot.find();

  /** Read at 2 AM: the rest goes to docs/, which the README maps. */
  private static final int README_MAX_LINES = 200;

  private static final Pattern FENCE = Pattern.compile("^ {0,3}(```|~~~)");
  private static final Pattern HEADING = Pattern.compile("^ {0,3}#{1,6}\\s+(.*?)\\s*#*\\s*$");
  private static final Pattern CODE_SPAN = Pattern.compile("(`+)(.*?)\\1");
  private static final Pattern LINK =
      Pattern.compile("!?\\[([^\\]]*)\\]\\(\\s*<?([^)\\s>]+)>?(?:\\s+\"[^\"]*\")?\\s*\\)");
  private static final Pattern SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:");

  @Test
  void everyRelativeLinkOfTheReadmeAndTheDocsLeadsSomewhere() throws IOException {
    List<Path> documents = new ArrayList<>();
    documents.add(ROOT.resolve("README.md"));
    try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(documents::add);
    }
    assertThat(documents).contains(ROOT.resolve("docs").resolve("runbook.md"));

    List<String> broken = new ArrayList<>();
    for (Path document : documents) {
      broken.addAll(brokenLinks(document));
    }

    assertThat(broken).as("broken relative links").isEmpty();
  }

  @Test
  void theReadmeLinksTheRunbookFromItsQuickStart() throws IOException {
    String readme = Files.readString(ROOT.resolve("README.md"));
    int quickStart = readme.indexOf("\n## Quick start\n");
    int next = readme.indexOf("\n## ", quickStart + 1);

    assertThat(quickStart).isNotNegative();
    assertThat(readme.substring(quickStart, next)).contains("[the runbook](docs/runbook.md)");
  }

  @Test
  void theReadmeHasAtMost200Lines() throws IOException {
    assertThat(Files.readAllLines(ROOT.resolve("README.md")))
        .hasSizeLessThanOrEqualTo(README_MAX_LINES);
  }

  @Test
  void theQuickStartGivesTheTwoCommandsThatCiRuns() throws IOException {
    String readme = Files.readString(ROOT.resolve("README.md"));
    int quickStart = readme.indexOf("\n## Quick start\n");
    int block = readme.indexOf("\n```bash\n", quickStart) + "\n```bash\n".length();
    List<String> commands =
        readme
            .substring(block, readme.indexOf("\n```\n", block))
            .lines()
            .map(line -> line.replaceFirst("\\s+#.*$", ""))
            .toList();
    List<String> ciRun = Files.readAllLines(ROOT.resolve(".ci/run"));

    assertThat(commands).containsExactly("./failover demo", "mvn -B verify");
    assertThat(ciRun).as("the commands .ci/run runs").containsAll(commands);
  }

  @Test
  void anchorsAreMadeAsGitHubMakesThem() {
    assertThat(anchor("Quick start")).isEqualTo("quick-start");
    assertThat(anchor("Readiness checks: is a failover possible right now?"))
        .isEqualTo("readiness-checks-is-a-failover-possible-right-now");
    assertThat(anchor("Re-pinning entities at scale (`RepinEntities`)"))
        .isEqualTo("re-pinning-entities-at-scale-repinentities");
    assertThat(anchor("Approve, deny, abort, confirm-fenced"))
        .isEqualTo("approve-deny-abort-confirm-fenced");
    assertThat(anchor("The [estate](x.md) file_name")).isEqualTo("the-estate-file_name");
  }

  @Test
  void missingFilesMissingAnchorsAndRepeatedHeadingsAreTold(@TempDir Path dir) throws IOException {
    Files.writeString(
        dir.resolve("other.md"), "# Title\n\n## Steps\n\n## Steps\n\n```\n# not a heading\n```\n");
    Path page = dir.resolve("page.md");
    Files.writeString(
        page,
        String.join(
            "\n",
            "# Page",
            "[fine](other.md#steps-1) [also fine](#page) [web](https://example.com/x.md)",
            "[gone](missing.md) [no such heading](other.md#steps-2)",
            "[in code is no link](`nowhere.md`) `[ignored](nowhere.md)`",
            "[a heading inside a fence is none](other.md#not-a-heading)",
            "```",
            "[ignored](nowhere.md)",
            "```",
            "[here](#nowhere)",
            ""));

    assertThat(brokenLinks(page))
        .containsExactly(
            page + ":3: [gone](missing.md): no file " + dir.resolve("missing.md"),
            page + ":3: [no such heading](other.md#steps-2): no heading #steps-2 in other.md",
            page
                + ":5: [a heading inside a fence is none](other.md#not-a-heading): no heading"
                + " #not-a-heading in other.md",
            page + ":9: [here](#nowhere): no heading #nowhere in page.md");
  }

  /** Each relative link of {@code document} that leads nowhere, with its line and why. */
  private static List<String> brokenLinks(Path document) throws IOException {
    List<String> broken = new ArrayList<>();
    Map<Path, Set<String>> anchors = new HashMap<>();
    List<String> lines = Files.readAllLines(document);
    boolean fenced = false;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (FENCE.matcher(line).find()) {
        fenced = !fenced;
        continue;
      }
      if (fenced) {
        continue;
      }
      Matcher link = LINK.matcher(CODE_SPAN.matcher(line).replaceAll(""));
      while (link.find()) {
        String target = link.group(2);
        if (SCHEME.matcher(target).find() || target.startsWith("//")) {
          continue;
        }
        int hash = target.indexOf('#');
        String file = hash < 0 ? target : target.substring(0, hash);
        String anchor = hash < 0 ? null : target.substring(hash + 1);
        Path linked = file.isEmpty() ? document : document.resolveSibling(file).normalize();
        String problem = null;
        if (!Files.exists(linked)) {
          problem = "no file " + linked;
        } else if (anchor != null
            && !anchors
                .computeIfAbsent(linked, DocumentationLinksTest::headingAnchors)
                .contains(anchor)) {
          problem = "no heading #" + anchor + " in " + linked.getFileName();
        }
        if (problem != null) {
          broken.add(document + ":" + (i + 1) + ": " + link.group() + ": " + problem);
        }
      }
    }
    return broken;
  }

  /** The anchors GitHub gives the headings of a Markdown file; none for other files. */
  private static Set<String> headingAnchors(Path file) {
    Set<String> anchors = new LinkedHashSet<>();
    if (!file.toString().endsWith(".md") || Files.isDirectory(file)) {
      return anchors;
    }
    List<String> lines;
    try {
      lines = Files.readAllLines(file);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + file, e);
    }
    Map<String, Integer> seen = new HashMap<>();
    boolean fenced = false;
    for (String line : lines) {
      if (FENCE.matcher(line).find()) {
        fenced = !fenced;
        continue;
      }
      Matcher heading = HEADING.matcher(line);
      if (fenced || !heading.matches()) {
        continue;
      }
      String base = anchor(heading.group(1));
      int count = seen.merge(base, 1, Integer::sum);
      anchors.add(count == 1 ? base : base + "-" + (count - 1));
    }
    return anchors;
  }

  /**
   * GitHub's anchor of a heading: the text of its links and code, lower case, with everything but
   * letters, digits, spaces, hyphens and underscores dropped and each space turned into a hyphen.
   */
  static String anchor(String heading) {
    String text = heading.replaceAll("\\[([^\\]]*)\\]\\([^)]*\\)", "$1").toLowerCase();
    StringBuilder anchor = new StringBuilder();
    text.codePoints()
        .filter(c -> Character.isLetterOrDigit(c) || c == ' ' || c == '-' || c == '_')
        .map(c -> c == ' ' ? '-' : c)
        .forEach(anchor::appendCodePoint);
    return anchor.toString();
  }
}
