import { WebSocket } from 'ws';

/** Connects (optionally with an Origin header) and resolves with how the server closed the socket. */
export function closeOf(url: string, origin?: string): Promise<{ code: number; reason: string }> {
  const socket = new WebSocket(url, origin ? { origin } : {});
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${url} was not closed within 10 s`)), 10_000);
    socket.on('error', () => undefined);
    socket.on('close', (code: number, reason: Buffer) => {
      clearTimeout(timer);
      resolve({ code, reason: reason.toString() });
    });
  });
}
