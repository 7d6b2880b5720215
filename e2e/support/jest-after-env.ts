// Whole-platform tests wait for sagas that cross four services and for restarts after a crash.
jest.setTimeout(180_000);
