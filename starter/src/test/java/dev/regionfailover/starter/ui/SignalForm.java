package dev.regionfailover.starter.ui;

import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The Temporal UI's "Send a Signal" form: a list of the signals the workflow declares (the UI asks
 * the running worker for them), and a CodeMirror editor for the JSON input. Every step finds the
 * form afresh, since the UI may re-render it at any time.
 */
final class SignalForm {

  static final By DIALOG = By.cssSelector("dialog[data-testid=signal-confirmation-modal]");

  private static final By OPTIONS = By.cssSelector("#signal-select-select [role=option]");
  private static final By EDITOR = By.cssSelector(".cm-content[contenteditable=true]");
  private static final Duration STEP = Duration.ofSeconds(10);

  private final Browser browser;

  SignalForm(Browser browser) {
    this.browser = browser;
    dialog();
  }

  /** Opens the signal list and returns its options as the UI shows them (name, description). */
  List<String> options() {
    return browser
        .waitUpTo(STEP)
        .until(
            d -> {
              WebElement select =
                  dialog().findElement(By.cssSelector("[data-testid=signal-select-button]"));
              if (!"true".equals(select.getAttribute("aria-expanded"))) {
                select.click();
              }
              List<String> texts =
                  dialog().findElements(OPTIONS).stream()
                      .filter(WebElement::isDisplayed)
                      .map(WebElement::getText)
                      .toList();
              return texts.isEmpty() ? null : texts;
            });
  }

  /** Chooses {@code name} from the list of the workflow's signals. */
  SignalForm choose(String name) {
    List<String> listed = options();
    browser
        .waitUpTo(STEP)
        .until(
            d -> {
              dialog().findElements(OPTIONS).stream()
                  .filter(WebElement::isDisplayed)
                  .filter(option -> option.findElement(By.tagName("span")).getText().equals(name))
                  .findFirst()
                  .orElseThrow(() -> new AssertionError("the signal form lists only " + listed))
                  .click();
              return true;
            });
    return this;
  }

  /**
   * Types {@code json} into the input editor as a person would. The editor closes brackets and
   * quotes as they open, and types over a closer that is already there, so the keys of the whole
   * text leave exactly that text.
   */
  SignalForm input(String json) {
    browser
        .waitUpTo(STEP)
        .until(
            d -> {
              WebElement editor = dialog().findElement(EDITOR);
              editor.click();
              editor.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
              editor.sendKeys(json);
              return true;
            });
    return this;
  }

  /** What the input editor holds now. */
  String inputText() {
    return browser.waitUpTo(STEP).until(d -> dialog().findElement(EDITOR).getText());
  }

  /** Presses Submit once the form accepts the input, and waits for the form to close. */
  void submit() {
    browser
        .waitUpTo(STEP)
        .until(
            d -> {
              WebElement submit =
                  dialog().findElement(By.cssSelector("[data-testid=confirm-modal-button]"));
              if (!submit.isEnabled()) {
                return false;
              }
              submit.click();
              return true;
            });
    browser
        .waitUpTo(STEP)
        .until(d -> d.findElements(DIALOG).stream().noneMatch(WebElement::isDisplayed));
  }

  private WebElement dialog() {
    return browser
        .waitUpTo(STEP)
        .until(
            d ->
                d.findElements(DIALOG).stream()
                    .filter(WebElement::isDisplayed)
                    .findFirst()
                    .orElse(null));
  }
}
