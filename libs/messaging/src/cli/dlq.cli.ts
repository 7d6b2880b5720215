// Operator command for dead-letter topics: npm run dlq -- list|inspect|replay <topic>.dlq ...
import { logLevel } from 'kafkajs';
import { createKafka } from '../kafka';
import { consoleJsonLogger } from '../logger';
import { inspectDlq, listDlq, replayDlq, type DlqEntry } from './dlq';
import { DLQ_USAGE, parseDlqArgs, UsageError, type DlqCommand } from './dlq-args';

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
  const header = ['PART/OFFSET', 'KEY', 'TYPE', 'EVENT ID', 'ATTEMPTS', 'FAILED AT', 'ORIGINAL TOPIC', 'ERROR'];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] as string).length)));
  for (const row of [header, ...rows]) console.log(row.map((cell, column) => cell.padEnd(widths[column] as number)).join('  ').trimEnd());
  console.log(`${entries.length} message(s)`);
}

async function run(command: DlqCommand): Promise<number> {
  const kafka = createKafka({ clientId: 'dlq-cli', logger: consoleJsonLogger({ component: 'dlq-cli' }, 'error'), logLevel: logLevel.ERROR });
  switch (command.command) {
    case 'list':
      printList(command.topic, await listDlq(kafka, command.topic, command.limit));
      return 0;
    case 'inspect': {
      const entry = await inspectDlq(kafka, command.topic, command.partition, command.offset);
      if (!entry) {
        console.error(`${command.topic}: no message at partition ${command.partition} offset ${command.offset}`);
        return 1;
      }
      console.log(JSON.stringify(entry, null, 2));
      return 0;
    }
    case 'replay': {
      const report = await replayDlq(kafka, command.topic, command.selection);
      for (const done of report.replayed) {
        console.log(`replayed ${command.topic} ${done.partition}/${done.offset} -> ${done.to} key=${done.key ?? '-'} event=${done.eventId ?? '-'}`);
      }
      for (const skipped of report.skipped) console.log(`skipped  ${command.topic} ${skipped.partition}/${skipped.offset}: ${skipped.reason}`);
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
