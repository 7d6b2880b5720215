// A project's own `testTimeout` is not applied by Jest when it runs several projects, so integration
// tests (real brokers, indices and databases) get their minute here instead of the default 5 s.
jest.setTimeout(60_000);
