/**
 * The recorded frames served from their own process, as an exchange is: the WebSocket sender's CPU
 * must not be charged to the producer. Reads frames (one per line) from the file given, prints its
 * URL, and serves until stdin closes.
 */
import { readFileSync } from 'node:fs';
import { FrameBlaster } from './frames';

async function main(): Promise<void> {
  const frames = readFileSync(process.argv[2], 'utf8').split('\n').filter(Boolean);
  const blaster = new FrameBlaster(frames);
  console.log(`URL ${await blaster.listen()}`);
  process.stdin.resume();
  process.stdin.on('end', () => void blaster.close().then(() => process.exit(0)));
}

void main();
