import { describe, expect, it } from 'vitest';
import { WriteGate } from '../../src/store/sqlite/write-gate.js';

describe('write gate', () => {
  it('gives turns first come, first served', async () => {
    const gate = new WriteGate();
    const order: string[] = [];
    let release!: () => void;
    const first = gate.hold(async () => {
      order.push('first starts');
      await new Promise<void>((resolve) => (release = resolve));
      order.push('first ends');
    });
    const second = gate.hold(() => order.push('second'));
    const third = gate.hold(() => order.push('third'));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(order).toEqual(['first starts']);
    expect(gate.busy).toBe(true);
    release();
    await Promise.all([first, second, third]);
    expect(order).toEqual(['first starts', 'first ends', 'second', 'third']);
    expect(gate.busy).toBe(false);
  });

  it('lets work started by the holder run inside its turn, and nobody else', async () => {
    const gate = new WriteGate();
    let outsideRan = false;
    let release!: () => void;
    const outside = new Promise<void>((resolve) => (release = resolve));
    await gate.hold(async () => {
      expect(gate.heldHere()).toBe(true);
      // Nested: runs at once instead of waiting for itself.
      expect(await gate.hold(() => 'nested')).toBe('nested');
      setTimeout(() => {
        // A timer set by the holder is the holder's work too.
        expect(gate.heldHere()).toBe(true);
        release();
      }, 1);
      await outside;
    });
    const other = gate.hold(() => {
      outsideRan = true;
    });
    expect(gate.heldHere()).toBe(false);
    await other;
    expect(outsideRan).toBe(true);
  });

  it('frees the turn when the work fails, and refuses a release by a turn that does not hold it', async () => {
    const gate = new WriteGate();
    await expect(gate.hold(() => Promise.reject(new Error('bad file')))).rejects.toThrow('bad file');
    expect(gate.busy).toBe(false);
    const turn = await gate.acquire();
    expect(() => gate.release(Symbol('other'))).toThrow(/does not hold/);
    gate.release(turn);
    expect(gate.busy).toBe(false);
  });
});
