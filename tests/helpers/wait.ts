// The one polling waiter of the tests: re-checks every `everyMs` (20 ms), or sooner when `onWake` hands
// out a callback that a fake calls on each event it sees.
export async function waitUntil(
  predicate: () => boolean | Promise<boolean>,
  timeoutMs = 10_000,
  what = "condition",
  { everyMs = 20, onWake }: { everyMs?: number; onWake?: (wake: () => void) => void } = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise<void>((resolve) => {
      const t = setTimeout(resolve, everyMs);
      onWake?.(() => {
        clearTimeout(t);
        resolve();
      });
    });
  }
}
