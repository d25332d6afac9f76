// Where tests leave what people read afterwards: reports and screenshots (bootstrap/target/browser-tests
// in the build).

import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function outputDirectory(...parts) {
  const dir = join(process.env.BROWSER_TESTS_OUTPUT || join(tmpdir(), 'incident-stream-browser-tests'), ...parts);
  mkdirSync(dir, { recursive: true });
  return dir;
}
