import { openTestDatabase, type TestDatabase } from './support/database';

let db: TestDatabase;

beforeAll(async () => {
  db = await openTestDatabase();
});

afterAll(async () => {
  await db?.close();
});

const tables = async () =>
  (
    await db.query<{ table_name: string }>(
      'SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY 1',
      [db.schema],
    )
  ).map((t) => t.table_name);

it('creates the outbox and inbox tables with the NOTIFY trigger, and takes them away again', async () => {
  expect(await tables()).toEqual(expect.arrayContaining(['inbox_messages', 'outbox_messages']));
  const indexes = await db.query<{ indexname: string; indexdef: string }>(
    'SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = $1',
    [db.schema],
  );
  expect(indexes.find((i) => i.indexname === 'outbox_messages_unpublished_idx')?.indexdef).toMatch(
    /WHERE \(published_at IS NULL\)/,
  );
  expect(indexes.map((i) => i.indexname)).toEqual(
    expect.arrayContaining(['outbox_messages_event_id_key', 'inbox_messages_pkey']),
  );

  expect(indexes.find((i) => i.indexname === 'outbox_messages_parked_idx')?.indexdef).toMatch(
    /WHERE \(\(parked_at IS NOT NULL\) AND \(published_at IS NULL\)\)/,
  );

  const dataSource = db.database.dataSource;
  await dataSource.undoLastMigration({ transaction: 'each' });
  const columns = await db.query<{ column_name: string }>(
    `SELECT column_name FROM information_schema.columns WHERE table_schema = $1 AND table_name = 'outbox_messages'`,
    [db.schema],
  );
  expect(columns.map((c) => c.column_name)).not.toContain('parked_at');
  await dataSource.undoLastMigration({ transaction: 'each' });
  expect(await tables()).not.toEqual(expect.arrayContaining(['outbox_messages']));
  expect(await tables()).not.toEqual(expect.arrayContaining(['inbox_messages']));
  const functions = await db.query(
    `SELECT 1 FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = $1 AND p.proname = 'outbox_messages_notify'`,
    [db.schema],
  );
  expect(functions).toHaveLength(0);

  await dataSource.runMigrations({ transaction: 'each' });
  expect(await tables()).toEqual(expect.arrayContaining(['inbox_messages', 'outbox_messages']));
  const triggers = await db.query(
    `SELECT 1 FROM information_schema.triggers WHERE event_object_schema = $1 AND trigger_name = 'outbox_messages_notify'`,
    [db.schema],
  );
  expect(triggers).toHaveLength(1);
});

it('rejects a second row with the same event id', async () => {
  const insert = `INSERT INTO outbox_messages (event_id, topic, message_key, event_type, payload) VALUES ('0b9a1c6e-5a8e-4a4e-9a51-6a1f3d1c2b7e', 't', 'k', 'x', '{}')`;
  await db.query(insert);
  await expect(db.query(insert)).rejects.toThrow(/outbox_messages_event_id_key/);
});
