import { parseDlqArgs, UsageError } from './dlq-args';

describe('parseDlqArgs', () => {
  it('parses list with and without a limit', () => {
    expect(parseDlqArgs(['list', 'order.events.dlq'])).toEqual({ command: 'list', topic: 'order.events.dlq', limit: 100 });
    expect(parseDlqArgs(['list', 'order.events.dlq', '--limit', '5'])).toEqual({ command: 'list', topic: 'order.events.dlq', limit: 5 });
    expect(parseDlqArgs(['list', 'order.events.dlq', '--limit=7'])).toMatchObject({ limit: 7 });
  });

  it('parses inspect', () => {
    expect(parseDlqArgs(['inspect', 'order.events.dlq', '2', '17'])).toEqual({ command: 'inspect', topic: 'order.events.dlq', partition: 2, offset: '17' });
  });

  it('parses both forms of replay', () => {
    expect(parseDlqArgs(['replay', 'a.dlq', '--all'])).toEqual({ command: 'replay', topic: 'a.dlq', selection: { all: true } });
    expect(parseDlqArgs(['replay', 'a.dlq', '--partition', '1', '--offset', '9'])).toEqual({
      command: 'replay',
      topic: 'a.dlq',
      selection: { partition: 1, offset: '9' },
    });
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
