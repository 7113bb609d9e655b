import { describe, expect, it } from 'vitest';
import { describeFailure } from '../../../functions/domain/order/attention.ts';
import { resumePoint } from '../../../functions/domain/order/resume.ts';
import { canTransition, isTerminal, OPEN_STATUSES } from '../../../functions/domain/order/status.ts';

describe('where a retried order starts again', () => {
  it('quotes an inquiry again', () => {
    expect(resumePoint({ status: 'INQUIRY_RECEIVED', completedStages: [] })).toEqual({
      resumeAt: 'ComputeQuote',
      completed: null,
    });
  });

  it('asks sales again for a promise awaiting confirmation', () => {
    expect(resumePoint({ status: 'AWAITING_SALES_CONFIRMATION', completedStages: [] }).resumeAt).toBe(
      'MarkAwaitingSales',
    );
  });

  it('confirms a quote the customer accepted for the current promise version', () => {
    expect(
      resumePoint({
        status: 'QUOTED',
        promiseVersion: 2,
        decision: 'accept',
        decisionForVersion: 2,
        completedStages: [],
      }).resumeAt,
    ).toBe('ConfirmOrder');
  });

  it('sends the quote again when the acceptance was for an older promise version', () => {
    expect(
      resumePoint({
        status: 'QUOTED',
        promiseVersion: 2,
        decision: 'accept',
        decisionForVersion: 1,
        completedStages: [],
      }).resumeAt,
    ).toBe('SendQuote');
  });

  it('applies the last completed stage again, so a notice it had not sent goes out', () => {
    expect(
      resumePoint({ status: 'IN_PRODUCTION', completedStages: ['MATERIALS_READY', 'PRODUCTION_STARTED'] }),
    ).toEqual({ resumeAt: 'AdvanceStage', completed: 'PRODUCTION_STARTED' });
  });

  it('starts material preparation again for a confirmed order', () => {
    expect(resumePoint({ status: 'ORDER_CONFIRMED', completedStages: [] })).toEqual({
      resumeAt: 'AdvanceStage',
      completed: null,
    });
  });

  it('refuses a finished order', () => {
    expect(() => resumePoint({ status: 'DELIVERED', completedStages: [] })).toThrow(RangeError);
  });
});

describe('a workflow failure in words', () => {
  it('uses the message of a failed step, without its stack trace', () => {
    const cause = JSON.stringify({
      errorType: 'SupplyDataError',
      errorMessage: 'Unknown SKU GEAR-9',
      trace: ['SupplyDataError: Unknown SKU GEAR-9', '    at explode (engine.ts:211:20)'],
    });
    expect(describeFailure({ Error: 'SupplyDataError', Cause: cause })).toBe(
      'The supply data cannot give a delivery date: Unknown SKU GEAR-9',
    );
  });

  it('keeps only the first line of a text cause', () => {
    expect(describeFailure({ Error: 'States.Timeout', Cause: 'Task timed out\n  at somewhere' })).toBe(
      'A workflow step took too long: Task timed out',
    );
  });

  it('names an unknown error and says it was unexpected', () => {
    expect(describeFailure({ Error: 'RangeError' })).toBe(
      'The workflow stopped at an unexpected error (RangeError).',
    );
  });

  it('shortens a very long message', () => {
    const words = describeFailure({ Error: 'Error', Cause: 'x'.repeat(5000) });
    expect(words.length).toBeLessThan(500);
  });
});

describe('the NEEDS_ATTENTION status', () => {
  it('is entered from every open status and left by cancellation', () => {
    for (const status of OPEN_STATUSES) expect(canTransition(status, 'NEEDS_ATTENTION'), status).toBe(true);
    expect(canTransition('NEEDS_ATTENTION', 'CANCELLED')).toBe(true);
  });

  it('is not entered from a finished order and is not itself final', () => {
    expect(canTransition('DELIVERED', 'NEEDS_ATTENTION')).toBe(false);
    expect(canTransition('CANCELLED', 'NEEDS_ATTENTION')).toBe(false);
    expect(isTerminal('NEEDS_ATTENTION')).toBe(false);
  });
});
