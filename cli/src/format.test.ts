import type { GetProposalReturnType } from '@conclave/sdk';
import { parseEther } from 'viem';
import { describe, expect, test } from 'vitest';
import { describeState } from './commands/proposal.js';
import { cncl, duration, eth, utc } from './format.js';

const H = 3600n;
const D = 24n * H;

describe('format', () => {
  test('amounts', () => {
    expect(cncl(parseEther('10000'))).toBe('10,000 CNCL');
    expect(cncl(parseEther('1234567.891'))).toBe('1,234,567.891 CNCL');
    expect(cncl(parseEther('0.01'))).toBe('0.01 CNCL');
    expect(cncl(0n)).toBe('0 CNCL');
    expect(cncl(1n)).toBe('0.000000000000000001 CNCL');
    expect(eth(parseEther('10009.999953995'))).toBe('10,009.9999 ETH');
    expect(eth(parseEther('12.5'))).toBe('12.5 ETH');
  });

  test('durations read like a countdown, rounded down to two units', () => {
    expect(duration(H + 59n * 60n + 30n)).toBe('1 h 59 min');
    expect(duration(7n * D - 1n)).toBe('6 d 23 h');
    expect(duration(48n * H - 5n)).toBe('47 h');
    expect(duration(48n * H)).toBe('2 d');
    expect(duration(14n * D)).toBe('14 d');
    expect(duration(3n * H)).toBe('3 h');
    expect(duration(90n)).toBe('1 min');
    expect(duration(12n)).toBe('12 s');
    expect(duration(-5n)).toBe('0 s');
  });

  test('times in UTC to the minute', () => {
    expect(utc(BigInt(Date.UTC(2026, 10, 22, 3, 0, 59) / 1000))).toBe('2026-11-22 03:00 UTC');
  });
});

describe('describeState', () => {
  const now = 1_795_390_000n;
  const base = {
    proposalId: 1n,
    snapshot: now + 2n * H - 61n,
    deadline: now + 7n * D,
    eta: 0n,
    reviewRequired: false,
    verdict: 'None',
    votes: { for: 0n, against: 0n, abstain: 0n },
    quorum: null,
  } as unknown as GetProposalReturnType;

  test('each state with what to do next', () => {
    expect(describeState({ ...base, state: 'Pending' }, now)).toBe(`Pending: voting opens in 1 h 59 min (${utc(base.snapshot + 1n)})`);
    expect(describeState({ ...base, state: 'Active' }, now)).toBe(`Active: voting closes in 7 d (${utc(base.deadline + 1n)})`);
    expect(describeState({ ...base, state: 'Active', deadline: now + 7n * D - H }, now)).toMatch(/^Active: voting closes in 6 d 23 h/);
    expect(describeState({ ...base, state: 'Succeeded' }, now)).toBe('Succeeded: queue it');
    expect(describeState({ ...base, state: 'Succeeded', reviewRequired: true }, now)).toBe(
      'Succeeded, but it cannot be queued without a favourable CLO review',
    );
    expect(describeState({ ...base, state: 'Queued', eta: now + 47n * H + 30n }, now)).toBe(`Queued: executable in 47 h (${utc(now + 47n * H + 30n)})`);
    expect(describeState({ ...base, state: 'Queued', eta: now }, now)).toBe('Queued: executable now: execute it');
    expect(
      describeState({ ...base, state: 'Defeated', quorum: parseEther('2000'), votes: { for: parseEther('500'), against: 0n, abstain: 0n } }, now),
    ).toBe('Defeated: quorum not reached (500 CNCL of 2,000 CNCL)');
    expect(describeState({ ...base, state: 'Executed' }, now)).toBe('Executed');
  });
});
