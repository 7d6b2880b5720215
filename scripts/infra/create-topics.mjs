// Creates the platform's Kafka topics, each with a "<topic>.dlq" twin, from
// libs/contracts/topics.json. Idempotent: topics that exist are left as they
// are (a partition count that differs is reported, never changed, because
// adding partitions silently re-maps message keys).
//
//   node scripts/infra/create-topics.mjs           create what is missing
//   node scripts/infra/create-topics.mjs --check   exit 1 if any is missing
//
// Env: KAFKA_BROKERS (default 127.0.0.1:9092, comma separated),
//      KAFKA_TOPIC_PARTITIONS (overrides "partitions" from the file).
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { Kafka, logLevel } from 'kafkajs';

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
        topics: missing.map((topic) => ({ topic, numPartitions: partitions, replicationFactor: 1 })),
      });
    }
    const present = wanted.filter((topic) => existing.has(topic));
    if (present.length > 0) {
      const { topics } = await admin.fetchTopicMetadata({ topics: present });
      for (const { name, partitions: parts } of topics) {
        if (parts.length !== partitions) {
          console.error(`warning: ${name} has ${parts.length} partitions, ${partitions} wanted (left unchanged)`);
        }
      }
    }
    console.log(`${missing.length} created, ${present.length} already existed (${wanted.length} topics, ${partitions} partitions)`);
  }
} finally {
  await admin.disconnect();
}
