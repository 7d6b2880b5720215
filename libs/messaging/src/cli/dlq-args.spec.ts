import { parseDlqArgs, UsageError } from './dlq-args';

describe('parseDlqArgs', () => {
  it('parses list with and without a limit', () => {
    expect(parseDlqArgs(['list', 'order.events.dlq'])).toEqual({
      command: 'list',
      topic: 'order.events.dlq',
      limit: 100,
    });
    expect(parseDlqArgs(['list', 'order.events.dlq', '--limit', '5'])).toEqual({
      command: 'list',
      topic: 'order.events.dlq',
      limit: 5,
    });
    expect(parseDlqArgs(['list', 'order.events.dlq', '--limit=7'])).toMatchObject({ limit: 7 });
  });

  it('parses inspect', () => {
    expect(parseDlqArgs(['inspect', 'order.events.dlq', '2', '17'])).toEqual({
      command: 'inspect',
      topic: 'order.events.dlq',
      partition: 2,
      offset: '17',
    });
  });

  it('parses both forms of replay', () => {
    expect(parseDlqArgs(['replay', 'a.dlq', '--all'], {})).toEqual({
      command: 'replay',
      topic: 'a.dlq',
      selection: { all: true },
      replayerGroup: 'dlq-replayer',
    });
    expect(parseDlqArgs(['replay', 'a.dlq', '--partition', '1', '--offset', '9'], {})).toEqual({
      command: 'replay',
      topic: 'a.dlq',
      selection: { partition: 1, offset: '9' },
      replayerGroup: 'dlq-replayer',
    });
  });

  it('parses replay of one group', () => {
    expect(parseDlqArgs(['replay', 'a.dlq', '--all', '--group', 'search-service'], {})).toEqual({
      command: 'replay',
      topic: 'a.dlq',
      selection: { all: true, group: 'search-service' },
      replayerGroup: 'dlq-replayer.search-service',
    });
  });

  describe('with KAFKA_TOPIC_PREFIX', () => {
    const env = { KAFKA_TOPIC_PREFIX: 'staging.' };

    it("reads and replays the environment's topics and groups, given by their contract names", () => {
      expect(parseDlqArgs(['list', 'order.events.dlq'], env)).toMatchObject({
        topic: 'staging.order.events.dlq',
      });
      expect(parseDlqArgs(['inspect', 'order.events.dlq', '0', '3'], env)).toMatchObject({
        topic: 'staging.order.events.dlq',
      });
      expect(parseDlqArgs(['replay', 'order.events.dlq', '--all', '--group', 'search-service'], env)).toEqual(
        {
          command: 'replay',
          topic: 'staging.order.events.dlq',
          selection: { all: true, group: 'staging.search-service' },
          replayerGroup: 'staging.dlq-replayer.search-service',
        },
      );
      expect(
        parseDlqArgs(['replay', 'order.events.dlq', '--partition', '0', '--offset', '1'], env),
      ).toMatchObject({
        replayerGroup: 'staging.dlq-replayer',
      });
    });

    it('takes names copied from a listing (prefixed already) as they are', () => {
      expect(
        parseDlqArgs(
          ['replay', 'staging.order.events.dlq', '--all', '--group', 'staging.search-service'],
          env,
        ),
      ).toEqual({
        command: 'replay',
        topic: 'staging.order.events.dlq',
        selection: { all: true, group: 'staging.search-service' },
        replayerGroup: 'staging.dlq-replayer.search-service',
      });
    });

    it('refuses an invalid prefix, naming the variable', () => {
      expect(() => parseDlqArgs(['list', 'order.events.dlq'], { KAFKA_TOPIC_PREFIX: 'Staging ' })).toThrow(
        /KAFKA_TOPIC_PREFIX/,
      );
    });
  });

  it('parses the parked outbox commands, taking the URL from DATABASE_URL when not given', () => {
    const url = 'postgres://u:p@127.0.0.1:5432/orders';
    expect(parseDlqArgs(['outbox-parked', '--database-url', url], {})).toEqual({
      command: 'outbox-parked',
      databaseUrl: url,
      limit: 100,
    });
    expect(
      parseDlqArgs(['outbox-parked', '--schema', 'orders', '--limit', '3'], { DATABASE_URL: url }),
    ).toEqual({
      command: 'outbox-parked',
      databaseUrl: url,
      schema: 'orders',
      limit: 3,
    });
    expect(parseDlqArgs(['outbox-retry', '--id', '42'], { DATABASE_URL: url })).toEqual({
      command: 'outbox-retry',
      databaseUrl: url,
      selection: { ids: ['42'] },
    });
    expect(parseDlqArgs(['outbox-retry', '--all'], { DATABASE_URL: url })).toMatchObject({
      selection: { all: true },
    });
  });

  it.each([
    [['outbox-parked']],
    [['outbox-parked', '--database-url', 'mysql://x']],
    [['outbox-retry', '--database-url', 'postgres://x/y']],
    [['outbox-retry', '--database-url', 'postgres://x/y', '--id', '1', '--all']],
    [['outbox-retry', '--database-url', 'postgres://x/y', '--id', 'one']],
    [['outbox-retry', '--database-url', 'postgres://x/y', '--all', '--schema', 'a;drop']],
    [['replay', 'a.dlq', '--partition', '1', '--offset', '2', '--group', 'g']],
  ])('rejects %j', (argv) => {
    expect(() => parseDlqArgs(argv, {})).toThrow(UsageError);
  });

  it.each([
    [[]],
    [['list']],
    [['list', 'order.events']],
    [['list', 'a.dlq', '--limit', '0']],
    [['list', 'a.dlq', '--limit']],
    [['inspect', 'a.dlq', '1']],
    [['inspect', 'a.dlq', 'x', '1']],
    [['replay', 'a.dlq']],
    [['replay', 'a.dlq', '--all', '--partition', '1', '--offset', '2']],
    [['replay', 'a.dlq', '--partition', '1']],
    [['replay', 'a.dlq', '--everything']],
    [['purge', 'a.dlq']],
  ])('rejects %j', (argv) => {
    expect(() => parseDlqArgs(argv)).toThrow(UsageError);
  });
});
