// Servers for browser tests.
//
// defaultServer(): the server the JUnit launcher (bootstrap's BrowserTest) started on a free port for
// this run; shared by the tests that need nothing special.
// startServer(settings): a server of the test's own, started from the same build as a separate Java
// process, for tests that need settings (tokens) or must stop and restart it. The launcher passes
// the Java binary and class path (BROWSER_TESTS_JAVA, BROWSER_TESTS_CLASSPATH).

import { spawn } from 'node:child_process';

export function defaultServer() {
  const http = process.env.INCIDENT_STREAM_HTTP;
  if (!http) throw new Error('INCIDENT_STREAM_HTTP is not set: run the browser tests through bootstrap\'s BrowserTest (./mvnw verify), or set it to a running server');
  return { http, ws: `${http.replace(/^http/, 'ws')}/ws` };
}

/** Starts a server with `settings` ({key: value}, as --key value flags) on a free port; resolves once it listens. */
export async function startServer(settings = {}) {
  const server = new ServerProcess(settings);
  await server.start(0);
  return server;
}

class ServerProcess {
  #settings; #child = null; #exited = null;
  port = null;

  constructor(settings) {
    this.#settings = settings;
  }

  get http() { return `http://127.0.0.1:${this.port}`; }
  get ws() { return `ws://127.0.0.1:${this.port}/ws`; }

  /** Starts on `port` (0: any free one; a restart passes the old one, so that pages can reconnect). */
  async start(port) {
    const java = process.env.BROWSER_TESTS_JAVA;
    const classpath = process.env.BROWSER_TESTS_CLASSPATH;
    if (!java || !classpath) {
      throw new Error('BROWSER_TESTS_JAVA and BROWSER_TESTS_CLASSPATH are not set: run the browser tests through bootstrap\'s BrowserTest (./mvnw verify)');
    }
    const flags = Object.entries({ host: '127.0.0.1', ...this.#settings, port })
      .flatMap(([key, value]) => [`--${key.replaceAll('_', '-')}`, String(value)]);
    // The server reads every INCIDENT_STREAM_* variable as a setting, and refuses unknown ones.
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('INCIDENT_STREAM_')));
    const child = spawn(java, ['-cp', classpath, 'io.incidentstream.bootstrap.Main', ...flags],
      { env, stdio: ['ignore', 'pipe', 'pipe'] });
    this.#child = child;
    this.#exited = new Promise((resolve) => child.once('exit', resolve));
    let log = '';
    this.port = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`server did not start within 60 s; its log:\n${log}`)), 60_000);
      const read = (chunk) => {
        log += chunk;
        const match = /listening on 127\.0\.0\.1:(\d+) \(HTTP\)/.exec(log);
        if (match) { clearTimeout(timer); resolve(Number(match[1])); }
      };
      child.stdout.on('data', read);
      child.stderr.on('data', read);
      child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`server exited with ${code} before listening; its log:\n${log}`)); });
    });
    this.log = () => log;
    return this;
  }

  /** SIGTERM: the server's own shutdown path (closing + 1001 to every client), then waits for the exit. */
  async stop() {
    if (!this.#child || this.#child.exitCode !== null) return;
    this.#child.kill('SIGTERM');
    const timeout = new Promise((resolve) => setTimeout(() => resolve('timeout'), 30_000));
    if (await Promise.race([this.#exited, timeout]) === 'timeout') {
      this.#child.kill('SIGKILL');
      await this.#exited;
    }
  }

  /** Stops and starts again on the same port: a new epoch, an empty history. */
  async restart() {
    const port = this.port;
    await this.stop();
    await this.start(port);
    return this;
  }
}
