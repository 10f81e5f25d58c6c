// The order the bench measures two sides in (bench/stats.ts): pure functions, fed counters.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { alternate, inRoundOrder } from '../../bench/stats.js';

describe('the order of the rounds', () => {
  it('runs the first side first in even rounds and the second side first in odd ones', async () => {
    for (const [round, expected] of [
      [0, ['first', 'second']],
      [1, ['second', 'first']],
      [2, ['first', 'second']],
      [7, ['second', 'first']],
    ] as const) {
      const calls: string[] = [];
      const answer = await inRoundOrder(
        round,
        async () => {
          calls.push('first');
          return 'a';
        },
        async () => {
          calls.push('second');
          return 'b';
        },
      );
      assert.deepEqual(calls, expected, `round ${round}`);
      assert.deepEqual(answer, ['a', 'b'], 'answers in argument order, whatever ran first');
    }
  });

  it('alternates A and B over the rounds and keeps each side its own figures', async () => {
    const calls: string[] = [];
    let next = 1;
    const result = await alternate(
      3,
      async () => {
        calls.push('A');
        return next++;
      },
      async () => {
        calls.push('B');
        return next++ * 10;
      },
    );
    assert.deepEqual(calls, ['A', 'B', 'B', 'A', 'A', 'B']);
    assert.deepEqual(result.a, [1, 4, 5]);
    assert.deepEqual(result.b, [20, 30, 60]);
    assert.deepEqual(result.ratios, [20, 30 / 4, 12]);
  });
});
