package dev.regionfailover.activities.estate;

import dev.regionfailover.workflows.estate.Estate;
import java.nio.file.Path;
import java.util.List;

/** What one reading of the estates directory found: usable estates and files that are not. */
public record EstateScan(Path directory, List<Estate> estates, List<InvalidEstateFile> invalid) {

  public EstateScan {
    estates = List.copyOf(estates);
    invalid = List.copyOf(invalid);
  }

  /** The apps with a valid estate, in file name order. */
  public List<String> apps() {
    return estates.stream().map(Estate::app).toList();
  }
}
