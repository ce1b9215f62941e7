import { execFileSync } from 'node:child_process';

/** Integration tests run against the real local stack: start whatever of it is not running. */
export default function setup() {
	execFileSync(process.execPath, ['stack/cli.ts', 'up', '--quiet'], { stdio: 'inherit' });
}
