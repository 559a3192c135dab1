import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');

export interface SpawnedServer {
  /** What the `ready` pattern's first group captured: the server's address. */
  url: string;
  process: ChildProcess;
  /** SIGTERM, as a person pressing Ctrl+C would. */
  stop(): Promise<void>;
  /** SIGKILL: the machine loses power. */
  kill(): Promise<void>;
}

/**
 * Starts one of the project's servers as its own process and waits for the line that says where it
 * listens. `--import tsx` keeps the server in this very process, so a kill reaches the server itself.
 */
export async function spawnServer(script: string, args: readonly string[], ready: RegExp): Promise<SpawnedServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const ended = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${script} did not start:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = ready.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited with ${code}:\n${output}`));
    });
  });
  const signal = async (name: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(name);
    await ended;
  };
  return { url, process: child, stop: () => signal('SIGTERM'), kill: () => signal('SIGKILL') };
}
