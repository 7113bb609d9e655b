import net from 'node:net';

/** Asks the OS for a free loopback port (port 0), so parallel instances never collide. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/**
 * Holds a free loopback port until `release()`, for a port that must be known (e.g. for links)
 * long before its server starts: a port only looked up with freePort() can be taken in between by
 * any other process, which made parallel runtimes fail at random with "port already in use".
 */
export async function reservePort(): Promise<{ port: number; release(): Promise<void> }> {
  const server = net.createServer();
  server.unref();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (typeof address !== 'object' || !address) throw new Error('no port');
  let released: Promise<void> | undefined;
  return {
    port: address.port,
    release: () => (released ??= new Promise<void>((resolve) => server.close(() => resolve()))),
  };
}

export class PortInUseError extends Error {
  constructor(
    readonly port: number,
    readonly what: string,
  ) {
    super(
      `Port ${port} is already in use (wanted for ${what}). Stop the other process or choose another port.`,
    );
    this.name = 'PortInUseError';
  }
}

/** Fails with a clear PortInUseError when a requested port is taken. */
export async function assertPortFree(port: number, what: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const server = net.createServer();
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? new PortInUseError(port, what) : error),
    );
    server.listen(port, '127.0.0.1', () => server.close(() => resolve()));
  });
}
