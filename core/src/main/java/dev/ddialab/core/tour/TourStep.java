package dev.ddialab.core.tour;

/**
 * One step of {@code ./ddia tour}: a short, narrated run of one system that exists today.
 *
 * <p>Each module that builds a system contributes a step; the {@code cli} module registers it.
 * A step runs on embedded defaults (the context's directories and ports), says what it does,
 * prints what it measured, and leaves cleanup to the context, which runs even when the user
 * interrupts the tour. A step should finish in well under 30 seconds on two cores.
 */
public interface TourStep {

  /** The book chapter the step demonstrates, used to order the tour (1..12). */
  int chapter();

  /** A title that reads as the book's idea, e.g. "Percentiles, not averages". */
  String title();

  /** Runs the step. Anything thrown stops the tour with the message as an error. */
  void run(TourContext tour) throws Exception;
}
