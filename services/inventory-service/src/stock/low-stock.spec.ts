import { lowStockDecision } from './low-stock';

describe('lowStockDecision', () => {
  it('alerts when availability falls from above the threshold to it', () => {
    expect(lowStockDecision({ threshold: 5, alerted: false }, 5)).toEqual({ alerted: true, alert: true });
    expect(lowStockDecision({ threshold: 5, alerted: false }, 0)).toEqual({ alerted: true, alert: true });
  });

  it('stays quiet while the flag is raised, however low it goes', () => {
    expect(lowStockDecision({ threshold: 5, alerted: true }, 4)).toEqual({ alerted: true, alert: false });
    expect(lowStockDecision({ threshold: 5, alerted: true }, 0)).toEqual({ alerted: true, alert: false });
  });

  it('re-arms once availability is above the threshold again', () => {
    expect(lowStockDecision({ threshold: 5, alerted: true }, 6)).toEqual({ alerted: false, alert: false });
    expect(lowStockDecision({ threshold: 5, alerted: false }, 100)).toEqual({ alerted: false, alert: false });
  });

  it('treats a zero threshold as "out of stock"', () => {
    expect(lowStockDecision({ threshold: 0, alerted: false }, 1)).toEqual({ alerted: false, alert: false });
    expect(lowStockDecision({ threshold: 0, alerted: false }, 0)).toEqual({ alerted: true, alert: true });
  });
});
