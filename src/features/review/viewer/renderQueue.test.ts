// Drawing order: one job at a time, the visible page before the rest.
import { describe, expect, it } from 'vitest';
import { createRenderQueue, type Job, type JobKind, pagePriority } from './renderQueue';

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the drawing queue', () => {
  it('runs one job at a time, choosing by the priority asked when the last one ends', async () => {
    const order: string[] = [];
    let visible = { first: 1, last: 1 };
    const queue = createRenderQueue((page, kind) => pagePriority(visible, page, kind));
    const releases: (() => void)[] = [];
    const job = (page: number, kind: JobKind): Job => ({
      page,
      kind,
      run: () =>
        new Promise<void>((resolve) => {
          order.push(`${kind} ${page}`);
          releases.push(resolve);
        }),
    });
    for (const page of [3, 1, 2]) queue.request(job(page, 'canvas'));
    queue.request(job(1, 'text'));
    await settle();
    expect(order).toEqual(['canvas 1']);
    expect(queue.waiting).toBe(3);
    // The reader scrolls to page 3 while page 1 draws: page 3 is next.
    visible = { first: 3, last: 3 };
    releases.shift()?.();
    await settle();
    expect(order).toEqual(['canvas 1', 'canvas 3']);
    releases.shift()?.();
    await settle();
    releases.shift()?.();
    await settle();
    expect(order).toEqual(['canvas 1', 'canvas 3', 'canvas 2', 'text 1']);
  });

  it('drops a job taken out before it starts, and carries on after a failed one', async () => {
    const ran: number[] = [];
    const queue = createRenderQueue((page) => page);
    queue.request({
      page: 1,
      kind: 'canvas',
      run: async () => {
        ran.push(1);
        throw new Error('broken page');
      },
    });
    const cancel = queue.request({ page: 2, kind: 'canvas', run: async () => void ran.push(2) });
    queue.request({ page: 3, kind: 'canvas', run: async () => void ran.push(3) });
    cancel();
    await settle();
    expect(ran).toEqual([1, 3]);
  });
});

describe('page priority', () => {
  const visible = { first: 10, last: 11 };
  const rank = (page: number, kind: JobKind = 'canvas') => pagePriority(visible, page, kind);
  it('puts visible pages first, then their text, then the nearest pages below before above', () => {
    const jobs: [number, JobKind][] = [
      [9, 'canvas'],
      [12, 'canvas'],
      [10, 'text'],
      [11, 'canvas'],
      [10, 'canvas'],
      [13, 'canvas'],
      [12, 'text'],
    ];
    const sorted = [...jobs].sort((a, b) => rank(...a) - rank(...b));
    expect(sorted).toEqual([
      [10, 'canvas'],
      [11, 'canvas'],
      [10, 'text'],
      [12, 'canvas'],
      [9, 'canvas'],
      [13, 'canvas'],
      [12, 'text'],
    ]);
  });
});
