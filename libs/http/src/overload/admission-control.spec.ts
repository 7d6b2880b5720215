import { AdmissionControl } from './admission-control';

const limits = { maxConcurrent: 20, minConcurrent: 2, maxEventLoopDelayMs: 30 };

describe('AdmissionControl', () => {
  it('admits up to the limit, refuses the excess and admits again once a place is released', () => {
    const admission = new AdmissionControl(limits);
    for (let i = 0; i < 20; i++) expect(admission.tryAdmit()).toBe(true);
    expect(admission.tryAdmit()).toBe(false);
    expect(admission.inFlight).toBe(20);

    admission.release();
    expect(admission.tryAdmit()).toBe(true);
    expect(admission.tryAdmit()).toBe(false);
  });

  it('never counts below zero when released more often than admitted', () => {
    const admission = new AdmissionControl(limits);
    admission.release();
    expect(admission.inFlight).toBe(0);
    expect(admission.tryAdmit()).toBe(true);
    expect(admission.inFlight).toBe(1);
  });

  it('cuts the limit toward what is in flight while the event loop lags, down to the floor', () => {
    const admission = new AdmissionControl(limits);
    for (let i = 0; i < 10; i++) admission.tryAdmit();

    admission.observeEventLoopDelay(31);
    expect(admission.limit).toBe(7); // 70 % of the 10 in flight, not of 20
    expect(admission.tryAdmit()).toBe(false);

    for (let i = 0; i < 10; i++) admission.observeEventLoopDelay(500);
    expect(admission.limit).toBe(2);
    for (let i = 0; i < 10; i++) admission.release();
    expect([admission.tryAdmit(), admission.tryAdmit(), admission.tryAdmit()]).toEqual([true, true, false]);
  });

  it('keeps the limit while the delay stays at the threshold', () => {
    const admission = new AdmissionControl(limits);
    admission.observeEventLoopDelay(30);
    expect(admission.limit).toBe(20);
    expect(admission.tryAdmit()).toBe(true);
  });

  it('grows the limit back by a tenth per healthy sample up to the ceiling', () => {
    const admission = new AdmissionControl({ ...limits, maxConcurrent: 256, minConcurrent: 8 });
    for (let i = 0; i < 20; i++) admission.observeEventLoopDelay(100);
    expect(admission.limit).toBe(8);

    const grown: number[] = [];
    for (let i = 0; i < 3; i++) {
      admission.observeEventLoopDelay(0);
      grown.push(admission.limit);
    }
    expect(grown).toEqual([9, 10, 11]);

    for (let i = 0; i < 100; i++) admission.observeEventLoopDelay(0);
    expect(admission.limit).toBe(256);
  });

  it('refuses a floor outside 1..maxConcurrent', () => {
    expect(() => new AdmissionControl({ ...limits, minConcurrent: 0 })).toThrow(RangeError);
    expect(() => new AdmissionControl({ ...limits, minConcurrent: 21 })).toThrow(RangeError);
  });
});
