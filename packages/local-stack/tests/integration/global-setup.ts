import { execFileSync } from 'node:child_process';
import { stackCli } from '../../src/settings.ts';

/** The stack's own suites run against the real stack: start whatever of it is not running. */
export default function setup() {
	execFileSync(process.execPath, [stackCli, 'up', '--quiet'], { stdio: 'inherit' });
}
