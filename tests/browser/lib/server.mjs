// Starts the real findhjaelp binary on a free loopback port and stops it again.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const SUITE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The server binary: $FINDHJAELP_BIN, else ../../target/debug/findhjaelp from tests/browser. */
export function binaryPath() {
  const bin = process.env.FINDHJAELP_BIN || path.join(SUITE_DIR, '..', '..', 'target', 'debug', 'findhjaelp');
  return path.resolve(SUITE_DIR, bin);
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Starts the server and waits until GET /healthz answers "ok".
 * Returns { base, stop() }. The server's own log is kept and shown only if it fails to start.
 */
export async function startServer() {
  const bin = binaryPath();
  if (!existsSync(bin)) {
    throw new Error(`server binary not found: ${bin}\nBuild it with \`cargo build\` in the repository root, or set FINDHJAELP_BIN.`);
  }
  let lastError;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const child = spawn(bin, ['--addr', `127.0.0.1:${port}`], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, RUST_LOG: process.env.RUST_LOG || 'warn' },
    });
    let log = '';
    const keep = (chunk) => {
      log += chunk.toString();
      if (log.length > 200_000) log = log.slice(-100_000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    let exited = null;
    child.on('exit', (code, signal) => {
      exited = { code, signal };
    });
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline && !exited) {
      try {
        const res = await fetch(`${base}/healthz`);
        if (res.ok && (await res.text()).trim() === 'ok') {
          return {
            base,
            log: () => log,
            async stop() {
              if (exited) return;
              const done = new Promise((r) => child.once('exit', r));
              child.kill('SIGTERM');
              const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
              await done;
              clearTimeout(timer);
            },
          };
        }
      } catch {
        // not listening yet
      }
      await sleep(100);
    }
    if (!exited) child.kill('SIGKILL');
    lastError = new Error(
      `server did not become healthy on ${base} (${exited ? `exited ${JSON.stringify(exited)}` : 'timed out'})\n--- server log ---\n${log.slice(-5000)}`,
    );
    // A port taken between picking and binding: try another one.
    if (!/address already in use|AddrInUse/i.test(log)) break;
  }
  throw lastError;
}
