import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

export interface TestPostgres {
  /** Connection string of the `hub_test` database made at start. */
  url: string;
  port: number;
  /** Creates another empty database on this server and returns its connection string. */
  createDatabase(): Promise<string>;
  /** Stops the server and removes its files. */
  stop(): Promise<void>;
}

const PASSWORD = 'secret';
const START_ATTEMPTS = 3;

/**
 * A private PostgreSQL server in a temporary folder on a free port, as in TOOLCHAIN.md. Throws when
 * PostgreSQL is not installed: a test that needs it must fail, not pass without having run.
 */
export async function startPostgres(): Promise<TestPostgres> {
  const bin = findPostgresBin();
  const asRoot = process.getuid?.() === 0;
  // initdb refuses to run as root; the cluster belongs to the postgres user.
  const exec = (program: string, args: string[]) =>
    asRoot ? run('runuser', ['-u', 'postgres', '--', path.join(bin, program), ...args]) : run(path.join(bin, program), args);

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-postgres-'));
  fs.chmodSync(dir, 0o700);
  fs.writeFileSync(path.join(dir, 'pw'), `${PASSWORD}\n`);
  if (asRoot) {
    await run('chown', ['-R', 'postgres:postgres', dir]);
  }
  const data = path.join(dir, 'data');
  try {
    await exec('initdb', [
      '-D', data, '-U', 'postgres', `--pwfile=${path.join(dir, 'pw')}`,
      '--auth-local=trust', '--auth-host=scram-sha-256', '-E', 'UTF8', '--locale=C.UTF-8',
    ]);
    let port = 0;
    let lastError: unknown;
    // Another process may take the port between choosing it and the server binding it.
    for (let attempt = 0; attempt < START_ATTEMPTS && port === 0; attempt++) {
      const candidate = await freePort();
      try {
        await exec('pg_ctl', [
          '-D', data, '-l', path.join(dir, 'log'), '-w', '-t', '30',
          '-o', `-c listen_addresses=127.0.0.1 -p ${candidate} -c unix_socket_directories=${dir} -c fsync=off`,
          'start',
        ]);
        port = candidate;
      } catch (error) {
        lastError = error;
      }
    }
    if (port === 0) throw new Error(`PostgreSQL did not start: ${describe(lastError)}\n${readLog(dir)}`);
    await exec('createdb', ['-h', dir, '-p', String(port), 'hub_test']);

    const urlFor = (database: string) => `postgres://postgres:${PASSWORD}@127.0.0.1:${port}/${database}`;
    return {
      url: urlFor('hub_test'),
      port,
      async createDatabase() {
        const name = `hub_${crypto.randomBytes(6).toString('hex')}`;
        const client = new pg.Client({ connectionString: urlFor('hub_test') });
        await client.connect();
        try {
          await client.query(`create database ${name}`);
        } finally {
          await client.end();
        }
        return urlFor(name);
      },
      async stop() {
        try {
          await exec('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
        } finally {
          fs.rmSync(dir, { recursive: true, force: true });
        }
      },
    };
  } catch (error) {
    await exec('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']).catch(() => undefined);
    fs.rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

function findPostgresBin(): string {
  const root = '/usr/lib/postgresql';
  const versions = fs.existsSync(root)
    ? fs.readdirSync(root).filter((v) => fs.existsSync(path.join(root, v, 'bin', 'initdb')))
    : [];
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0];
  if (!newest) {
    throw new Error(
      `PostgreSQL is not installed (no ${root}/*/bin/initdb). Install it with: apt-get install -y postgresql`,
    );
  }
  return path.join(root, newest, 'bin');
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function readLog(dir: string): string {
  try {
    return fs.readFileSync(path.join(dir, 'log'), 'utf8');
  } catch {
    return '';
  }
}

function describe(error: unknown): string {
  if (error && typeof error === 'object' && 'stderr' in error) return String((error as { stderr: unknown }).stderr);
  return String(error);
}
