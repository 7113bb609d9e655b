/**
 * Lambda's asynchronous invocation, as SNS uses it in the cloud: the caller does not wait, and a
 * function error is retried twice, about one and then two minutes later (Lambda's defaults), so a
 * provider event that arrives while the store is down is still applied once it is back.
 * `LOCAL_ASYNC_RETRY_MS` shortens the first delay for tests (the second is twice the first).
 */
export function asyncInvoker(
  invoke: (functionName: string, event: unknown) => Promise<unknown>,
  stops: (() => Promise<void>)[],
): (functionName: string, event: unknown) => void {
  const firstDelay = Number(process.env.LOCAL_ASYNC_RETRY_MS ?? 60_000);
  const timers = new Set<NodeJS.Timeout>();
  let stopped = false;
  stops.push(async () => {
    stopped = true;
    for (const timer of timers) clearTimeout(timer);
  });
  const attempt = (functionName: string, event: unknown, tried: number) => {
    invoke(functionName, event).catch((error: Error) => {
      if (stopped) return;
      if (tried === 3) {
        console.error(`${functionName} failed an event three times and dropped it: ${error.message}`);
        return;
      }
      const timer = setTimeout(() => {
        timers.delete(timer);
        attempt(functionName, event, tried + 1);
      }, firstDelay * tried);
      timer.unref();
      timers.add(timer);
    });
  };
  return (functionName, event) => attempt(functionName, event, 1);
}
