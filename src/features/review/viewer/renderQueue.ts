// One drawing job at a time, the most wanted first. pdf.js draws on the main thread, so drawing
// three pages at once makes the one the reader is looking at three times slower; like pdf.js's
// own viewer, pages are drawn one by one: the visible ones, their text, then the ones ahead.
// The order is asked for when a job ends, so it follows the reader's latest scroll.

export type JobKind = 'canvas' | 'text';
export type Job = { page: number; kind: JobKind; run(): Promise<void> };

export type RenderQueue = {
  /** Queues a job; the returned function takes it out again if it has not started. */
  request(job: Job): () => void;
  /** Number of jobs waiting (not counting the one running). */
  readonly waiting: number;
};

/** `priority(page, kind)`: lower runs sooner. */
export function createRenderQueue(priority: (page: number, kind: JobKind) => number): RenderQueue {
  const pending = new Set<Job>();
  let running: Job | null = null;

  const next = (): void => {
    if (running || pending.size === 0) return;
    let best: Job | null = null;
    let bestPriority = Number.POSITIVE_INFINITY;
    for (const job of pending) {
      const p = priority(job.page, job.kind);
      if (p < bestPriority) {
        best = job;
        bestPriority = p;
      }
    }
    if (!best) return;
    pending.delete(best);
    running = best;
    const done = () => {
      running = null;
      next();
    };
    // A job's own failure is its own to report; the queue only moves on.
    best.run().then(done, done);
  };

  return {
    request(job) {
      pending.add(job);
      // Start on the next microtask, so the jobs one React commit queues are ranked together.
      queueMicrotask(next);
      return () => {
        pending.delete(job);
      };
    },
    get waiting() {
      return pending.size;
    },
  };
}

export type Visible = { first: number; last: number };

/**
 * Visible pages first, top to bottom; their text layers next; then pages off screen, nearest
 * first, below before above (reading goes down); their text layers last.
 */
export function pagePriority(visible: Visible, page: number, kind: JobKind): number {
  const onScreen = page >= visible.first && page <= visible.last;
  const distance = onScreen
    ? page - visible.first
    : page > visible.last
      ? (page - visible.last) * 2 - 1
      : (visible.first - page) * 2;
  const band = (onScreen ? 0 : 2) + (kind === 'text' ? 1 : 0);
  return band * 100_000 + distance;
}
