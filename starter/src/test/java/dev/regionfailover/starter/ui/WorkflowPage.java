package dev.regionfailover.starter.ui;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The Temporal UI's page of one workflow (UI 2.42), as an operator uses it: its tabs, the "More
 * Actions" menu and the "Send a Signal" form. Selectors are the UI's own {@code data-testid}s and
 * ARIA attributes where it has them, visible labels otherwise.
 */
final class WorkflowPage {

  private static final Duration LOAD = Duration.ofSeconds(30);

  private final Browser browser;
  private final ChromeDriver driver;

  private WorkflowPage(Browser browser) {
    this.browser = browser;
    this.driver = browser.driver();
  }

  /** Opens {@code /namespaces/NS/workflows/ID} and waits for its heading. */
  static WorkflowPage open(Browser browser, String ui, String namespace, String workflowId) {
    browser.driver().get(ui + "/namespaces/" + namespace + "/workflows/" + workflowId);
    WorkflowPage page = new WorkflowPage(browser);
    page.visible(By.cssSelector("[data-testid=workflow-id-heading]"));
    return page;
  }

  /** Opens the "User Metadata" tab: summary, details and current details. */
  WorkflowPage userMetadata() {
    click(By.cssSelector("[data-testid=user-metadata-tab]"));
    browser.waitUpTo(LOAD).until(ExpectedConditions.urlContains("/user-metadata"));
    return this;
  }

  /**
   * The texts of the Markdown the page renders (summary, details, current details), each in its own
   * sandboxed frame, once one of them contains {@code expected}.
   */
  List<String> renderedOnceOneShows(String expected) {
    return browser
        .waitUpTo(LOAD)
        .until(
            d -> {
              List<String> texts = rendered();
              return texts.stream().anyMatch(t -> t.contains(expected)) ? texts : null;
            });
  }

  private List<String> rendered() {
    List<String> texts = new ArrayList<>();
    for (WebElement frame : driver.findElements(By.cssSelector("iframe[title=output]"))) {
      if (!frame.isDisplayed()) {
        continue;
      }
      driver.switchTo().frame(frame);
      try {
        texts.add(driver.findElement(By.tagName("body")).getText());
      } finally {
        driver.switchTo().defaultContent();
      }
    }
    return texts;
  }

  /** The page's own text, outside the frames. */
  String text() {
    return driver.findElement(By.tagName("body")).getText();
  }

  /** Opens the "History" tab, the page's first. */
  WorkflowPage history() {
    click(By.cssSelector("[data-testid=history-tab]"));
    browser.waitUpTo(LOAD).until(ExpectedConditions.urlContains("/history"));
    return this;
  }

  /**
   * Opens "More Actions", then "Send a Signal"; the form that opens. Open it from the History tab:
   * on the User Metadata tab, UI 2.42 takes every "r" typed anywhere, also into the signal's input,
   * as its shortcut to refresh the current details.
   */
  SignalForm openSignalForm() {
    click(By.cssSelector("button[aria-controls=workflow-actions]"));
    click(By.cssSelector("#workflow-actions [data-testid=signal-button]"));
    return new SignalForm(browser);
  }

  /**
   * Waits until the status badge in the page's header says {@code status}, reloading the page every
   * couple of seconds as an operator would.
   */
  void awaitStatus(String status, Duration timeout) {
    By badge = By.xpath("//header//span[normalize-space()='" + status + "']");
    long deadline = System.nanoTime() + timeout.toNanos();
    while (driver.findElements(badge).stream().noneMatch(WebElement::isDisplayed)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the workflow page never showed status " + status);
      }
      try {
        Thread.sleep(2000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      driver.navigate().refresh();
      visible(By.cssSelector("[data-testid=workflow-id-heading]"));
    }
  }

  /** Clicks the first displayed element {@code by} finds, once there is one. */
  private void click(By by) {
    browser
        .waitUpTo(LOAD)
        .until(
            d -> {
              visible(by).click();
              return true;
            });
  }

  /** The first displayed element {@code by} finds, once there is one. */
  WebElement visible(By by) {
    return browser
        .waitUpTo(LOAD)
        .until(
            d ->
                d.findElements(by).stream()
                    .filter(WebElement::isDisplayed)
                    .findFirst()
                    .orElse(null));
  }
}
