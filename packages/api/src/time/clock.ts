import { Injectable } from '@nestjs/common';

/**
 * The API's one source of the current time. Repositories never call `new Date()`: they ask the
 * clock, or use a customer's test-clock time (see `asOfFor`), so tests can move time by
 * replacing this provider and test clocks can move one customer's time.
 */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}

/** A clock that stands still until moved: for tests that run the lifecycle worker in-process. */
export class ManualClock extends Clock {
  #time: Date;

  constructor(start: Date | string) {
    super();
    this.#time = new Date(start);
  }

  override now(): Date {
    return new Date(this.#time);
  }

  set(time: Date | string): void {
    this.#time = new Date(time);
  }
}
