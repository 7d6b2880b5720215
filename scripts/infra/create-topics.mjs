// Creates the platform's Kafka topics, each with a "<topic>.dlq" twin, from
// libs/contracts/topics.json. Idempotent: topics that exist are left as they
// are (a partition count that differs is reported, never changed, because
// adding partitions silently re-maps message keys), except that a dead-letter
// topic's retention is set to "dlqRetentionDays": dead letters wait for an
// operator, often far longer than the broker's default 7 days.
//
//   node scripts/infra/create-topics.mjs           create what is missing
//   node scripts/infra/create-topics.mjs --check   exit 1 if any is missing
//
// Env: KAFKA_BROKERS (default 127.0.0.1:9092, comma separated),
//      KAFKA_TOPIC_PARTITIONS (overrides "partitions" from the file).
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import kafkajs from 'kafkajs';

const { ConfigResourceTypes, Kafka, logLevel } = kafkajs;

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const contract = JSON.parse(await readFile(`${repoRoot}libs/contracts/topics.json`, 'utf8'));

const partitions = Number(process.env.KAFKA_TOPIC_PARTITIONS ?? contract.partitions);
if (!Number.isInteger(partitions) || partitions < 1) {
  throw new Error(`invalid partition count: ${process.env.KAFKA_TOPIC_PARTITIONS ?? contract.partitions}`);
}
if (!Array.isArray(contract.topics) || contract.topics.length === 0) {
  throw new Error('libs/contracts/topics.json has no "topics" list');
}
const wanted = contract.topics.flatMap((topic) => [topic, `${topic}.dlq`]);
const dlqRetentionDays = Number(contract.dlqRetentionDays ?? 90);
if (!Number.isInteger(dlqRetentionDays) || dlqRetentionDays < 1)
  throw new Error(`invalid dlqRetentionDays: ${contract.dlqRetentionDays}`);
const dlqRetentionMs = String(dlqRetentionDays * 24 * 60 * 60 * 1000);
const isDlq = (topic) => topic.endsWith('.dlq');
const topicConfig = (topic) => (isDlq(topic) ? [{ name: 'retention.ms', value: dlqRetentionMs }] : []);
const checkOnly = process.argv.includes('--check');

const kafka = new Kafka({
  clientId: 'infra-create-topics',
  brokers: (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',').map((b) => b.trim()),
  logLevel: logLevel.ERROR,
  retry: { retries: 5 },
});
const admin = kafka.admin();
await admin.connect();
try {
  const existing = new Set(await admin.listTopics());
  const missing = wanted.filter((topic) => !existing.has(topic));

  if (checkOnly) {
    console.log(`${wanted.length - missing.length}/${wanted.length} topics present`);
    if (missing.length > 0) {
      console.error(`missing: ${missing.join(', ')}`);
      process.exitCode = 1;
    }
  } else {
    if (missing.length > 0) {
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((topic) => ({
          topic,
          numPartitions: partitions,
          replicationFactor: 1,
          configEntries: topicConfig(topic),
        })),
      });
    }
    // Dead-letter topics created before their retention was configured get it now.
    const existingDlqs = wanted.filter((topic) => existing.has(topic) && isDlq(topic));
    if (existingDlqs.length > 0) {
      const { resources } = await admin.describeConfigs({
        includeSynonyms: false,
        resources: existingDlqs.map((name) => ({
          type: ConfigResourceTypes.TOPIC,
          name,
          configNames: ['retention.ms'],
        })),
      });
      const outdated = resources
        .filter(
          (resource) =>
            resource.configEntries.find((entry) => entry.configName === 'retention.ms')?.configValue !==
            dlqRetentionMs,
        )
        .map((resource) => resource.resourceName);
      if (outdated.length > 0) {
        await admin.alterConfigs({
          validateOnly: false,
          resources: outdated.map((name) => ({
            type: ConfigResourceTypes.TOPIC,
            name,
            configEntries: [{ name: 'retention.ms', value: dlqRetentionMs }],
          })),
        });
        console.log(`set retention of ${outdated.length} dead-letter topic(s) to ${dlqRetentionDays} days`);
      }
    }
    const present = wanted.filter((topic) => existing.has(topic));
    if (present.length > 0) {
      const { topics } = await admin.fetchTopicMetadata({ topics: present });
      for (const { name, partitions: parts } of topics) {
        if (parts.length !== partitions) {
          console.error(
            `warning: ${name} has ${parts.length} partitions, ${partitions} wanted (left unchanged)`,
          );
        }
      }
    }
    console.log(
      `${missing.length} created, ${present.length} already existed (${wanted.length} topics, ${partitions} partitions)`,
    );
  }
} finally {
  await admin.disconnect();
}
