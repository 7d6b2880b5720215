import { TEMPLATE_KEYS } from '../templates/template-catalog';
import { channelsFor, DEFAULT_PREFERENCES, type Preferences } from './preference-rules';

const prefs = (email: Partial<Preferences['email']>, inApp: Partial<Preferences['inApp']>): Preferences => ({
  email: { ...DEFAULT_PREFERENCES.email, ...email },
  inApp: { ...DEFAULT_PREFERENCES.inApp, ...inApp },
});

describe('channelsFor', () => {
  it('sends the welcome mail and its in-app copy by default', () => {
    expect(channelsFor('user.registered', DEFAULT_PREFERENCES)).toEqual(['email', 'in_app']);
  });

  it('sends no marketing mail to a customer who opted out', () => {
    expect(channelsFor('user.registered', prefs({ marketing: false }, {}))).toEqual(['in_app']);
    expect(channelsFor('user.registered', prefs({ marketing: false }, { marketing: false }))).toEqual([]);
  });

  it.each([
    'order.confirmed',
    'order.cancelled',
    'order.shipped',
    'order.refunded',
    'payment.failed',
  ] as const)('always emails %s, even with every preference off', (template) => {
    const allOff = prefs(
      { marketing: false, orderUpdates: false },
      { marketing: false, orderUpdates: false },
    );
    expect(channelsFor(template, allOff)).toEqual(['email']);
    expect(channelsFor(template, DEFAULT_PREFERENCES)).toEqual(['email', 'in_app']);
  });

  it('sends admin alerts by email only, whatever the preferences', () => {
    expect(
      channelsFor(
        'inventory.low-stock',
        prefs({ marketing: false }, { marketing: false, orderUpdates: false }),
      ),
    ).toEqual(['email']);
  });

  it('has a rule for every template', () => {
    for (const key of TEMPLATE_KEYS) expect(channelsFor(key, DEFAULT_PREFERENCES)).toContain('email');
  });
});
