/** Timers a worker uses, so tests can run time by hand. */
export interface Timers {
  set(callback: () => void, ms: number): number;
  clear(handle: number): void;
}

/** Node's timers, unref'd so a pending retry never keeps a stopping process alive. */
export function systemTimers(): Timers {
  const live = new Map<number, NodeJS.Timeout>();
  let last = 0;
  return {
    set(callback, ms) {
      const id = ++last;
      const timer = setTimeout(() => {
        live.delete(id);
        callback();
      }, ms);
      timer.unref();
      live.set(id, timer);
      return id;
    },
    clear(id) {
      clearTimeout(live.get(id));
      live.delete(id);
    },
  };
}
