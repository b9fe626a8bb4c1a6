import { DEFAULT_SLA_CONFIG, slaDueDates, slaState } from './sla.js';

describe('service levels', () => {
  it('defaults: first answer within 14 days, inspection within 28 days of receipt (seed 003)', () => {
    expect(DEFAULT_SLA_CONFIG).toEqual({ firstAnswerDays: 14, inspectionDays: 28 });
  });

  it.each([
    [
      { submittedOn: '2026-03-01', receivedOn: null },
      { firstAnswerDue: '2026-03-15', inspectionDue: null },
    ],
    [
      { submittedOn: '2026-03-01', receivedOn: '2026-03-20' },
      { firstAnswerDue: '2026-03-15', inspectionDue: '2026-04-17' },
    ],
    [{}, { firstAnswerDue: null, inspectionDue: null }],
  ])('due dates of %j', (dates, due) => {
    expect(slaDueDates(dates)).toEqual(due);
  });

  it('takes its days from the config', () => {
    expect(
      slaDueDates({ submittedOn: '2026-03-01' }, { firstAnswerDays: 2, inspectionDays: 5 }).firstAnswerDue,
    ).toBe('2026-03-03');
  });

  it.each([
    ['3 days before the due day', '2026-03-12', 2, 'OK'],
    ['2 days before', '2026-03-13', 2, 'DUE_SOON'],
    ['on the due day', '2026-03-15', 2, 'DUE_SOON'],
    ['the day after', '2026-03-16', 2, 'OVERDUE'],
    ['5 days before, warning 7 days ahead', '2026-03-10', 7, 'DUE_SOON'],
    ['the due day, no warning window', '2026-03-15', 0, 'DUE_SOON'],
    ['the day before, no warning window', '2026-03-14', 0, 'OK'],
  ])('due 2026-03-15, %s: %s', (_, today, soon, state) => {
    expect(slaState('2026-03-15', today, soon)).toBe(state);
  });
});
