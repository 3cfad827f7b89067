package dev.regionfailover.starter.schedule;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one shell command line into the words a POSIX shell passes, for the quoting READMEs use.
 */
final class ShellWords {

  private ShellWords() {}

  /** Single quotes keep everything; double quotes keep all but a backslash before {@code "\$`}. */
  static List<String> split(String line) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '\'') {
        int end = line.indexOf('\'', i + 1);
        if (end < 0) {
          throw new IllegalArgumentException("unclosed ' in: " + line);
        }
        word.append(line, i + 1, end);
        i = end;
        inWord = true;
      } else if (c == '"') {
        int j = i + 1;
        while (j < line.length() && line.charAt(j) != '"') {
          if (line.charAt(j) == '\\'
              && j + 1 < line.length()
              && "\"\\$`".indexOf(line.charAt(j + 1)) >= 0) {
            j++;
          }
          word.append(line.charAt(j));
          j++;
        }
        if (j >= line.length()) {
          throw new IllegalArgumentException("unclosed \" in: " + line);
        }
        i = j;
        inWord = true;
      } else if (c == '\\' && i + 1 < line.length()) {
        word.append(line.charAt(++i));
        inWord = true;
      } else if (Character.isWhitespace(c)) {
        if (inWord) {
          words.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
      } else {
        word.append(c);
        inWord = true;
      }
    }
    if (inWord) {
      words.add(word.toString());
    }
    return words;
  }
}
