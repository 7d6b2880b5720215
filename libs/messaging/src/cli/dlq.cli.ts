// Operator command for dead-letter topics and parked outbox rows:
//   npm run dlq -- list|inspect|replay <topic>.dlq ...   |   npm run dlq -- outbox-parked|outbox-retry --database-url ...
import { logLevel } from 'kafkajs';
import { Client } from 'pg';
import { createKafka } from '../kafka';
import { consoleJsonLogger } from '../logger';
import { inspectDlq, listDlq, replayDlq, type DlqEntry } from './dlq';
import { DLQ_USAGE, parseDlqArgs, UsageError, type DlqCommand, type OutboxLocation } from './dlq-args';
import { listParkedOutbox, retryParkedOutbox, type ParkedOutboxRow } from './parked-outbox';

const shorten = (text: string | undefined, max: number): string => {
  const value = text ?? '-';
  return value.length > max ? `${value.slice(0, max - 1)}…` : value;
};

function printList(topic: string, entries: DlqEntry[]): void {
  if (entries.length === 0) {
    console.log(`${topic}: no parked messages`);
    return;
  }
  const rows = entries.map((entry) => [
    `${entry.partition}/${entry.offset}`,
    shorten(entry.key ?? undefined, 36),
    shorten(entry.type, 28),
    shorten(entry.eventId, 36),
    String(entry.attempts ?? '-'),
    shorten(entry.failedAt, 24),
    entry.originalTopic,
    shorten(entry.error, 80),
  ]);
  const header = [
    'PART/OFFSET',
    'KEY',
    'TYPE',
    'EVENT ID',
    'ATTEMPTS',
    'FAILED AT',
    'ORIGINAL TOPIC',
    'ERROR',
  ];
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] as string).length)),
  );
  for (const row of [header, ...rows])
    console.log(
      row
        .map((cell, column) => cell.padEnd(widths[column] as number))
        .join('  ')
        .trimEnd(),
    );
  console.log(`${entries.length} message(s)`);
}

function printParked(rows: ParkedOutboxRow[]): void {
  if (rows.length === 0) {
    console.log('no parked outbox rows');
    return;
  }
  const lines = rows.map((row) => [
    row.id,
    shorten(row.topic, 40),
    shorten(row.key, 36),
    shorten(row.type, 28),
    String(row.bytes),
    String(row.waitingBehind),
    row.parkedAt,
    shorten(row.error, 80),
  ]);
  const header = ['ID', 'TOPIC', 'KEY', 'TYPE', 'BYTES', 'WAITING', 'PARKED AT', 'ERROR'];
  const widths = header.map((title, column) =>
    Math.max(title.length, ...lines.map((line) => (line[column] as string).length)),
  );
  for (const line of [header, ...lines])
    console.log(
      line
        .map((cell, column) => cell.padEnd(widths[column] as number))
        .join('  ')
        .trimEnd(),
    );
  console.log(`${rows.length} parked row(s)`);
}

async function withOutbox<T>(location: OutboxLocation, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({
    connectionString: location.databaseUrl,
    application_name: 'dlq-cli',
    ...(location.schema ? { options: `-c search_path=${location.schema}` } : {}),
  });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function run(command: DlqCommand): Promise<number> {
  if (command.command === 'outbox-parked') {
    printParked(await withOutbox(command, (client) => listParkedOutbox(client, command.limit)));
    return 0;
  }
  if (command.command === 'outbox-retry') {
    const released = await withOutbox(command, (client) => retryParkedOutbox(client, command.selection));
    console.log(
      released.length === 0
        ? 'no parked row matched'
        : `released ${released.length} row(s) for the relay: ${released.join(', ')}`,
    );
    return released.length === 0 && 'ids' in command.selection ? 1 : 0;
  }
  const kafka = createKafka({
    clientId: 'dlq-cli',
    logger: consoleJsonLogger({ component: 'dlq-cli' }, 'error'),
    logLevel: logLevel.ERROR,
  });
  switch (command.command) {
    case 'list':
      printList(command.topic, await listDlq(kafka, command.topic, command.limit));
      return 0;
    case 'inspect': {
      const entry = await inspectDlq(kafka, command.topic, command.partition, command.offset);
      if (!entry) {
        console.error(
          `${command.topic}: no message at partition ${command.partition} offset ${command.offset}`,
        );
        return 1;
      }
      console.log(JSON.stringify(entry, null, 2));
      return 0;
    }
    case 'replay': {
      const report = await replayDlq(kafka, command.topic, command.selection, command.replayerGroup);
      for (const done of report.replayed) {
        console.log(
          `replayed ${command.topic} ${done.partition}/${done.offset} -> ${done.to} key=${done.key ?? '-'} event=${done.eventId ?? '-'}`,
        );
      }
      for (const skipped of report.skipped)
        console.log(`skipped  ${command.topic} ${skipped.partition}/${skipped.offset}: ${skipped.reason}`);
      console.log(`${report.replayed.length} replayed, ${report.skipped.length} skipped`);
      return 0;
    }
  }
}

async function main(argv: string[]): Promise<void> {
  let command: DlqCommand;
  try {
    command = parseDlqArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`${error.message}\n\n${DLQ_USAGE}`);
    process.exitCode = 2;
    return;
  }
  process.exitCode = await run(command);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
