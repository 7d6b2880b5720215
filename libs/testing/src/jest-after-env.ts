import { TestTopics } from './test-topics';

// A project's own `testTimeout` is not applied by Jest when it runs several projects, so integration
// tests (real brokers, indices and databases) get their minute here instead of the default 5 s.
jest.setTimeout(60_000);

// Every integration test file runs on Kafka topics and consumer groups of its own: the apps it starts
// (KAFKA_TOPIC_PREFIX reaches their config), TestPublisher and TopicRecorder all follow the prefix, so
// a platform started natively on the same Kafka neither receives test events nor loses its own to a
// test's consumer group. Set now, before the test file's code reads the environment.
const topics = new TestTopics();
process.env.KAFKA_TOPIC_PREFIX = topics.prefix;

beforeAll(() => topics.create());
afterAll(() => topics.drop());
