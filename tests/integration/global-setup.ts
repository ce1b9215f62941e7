import { execFileSync } from 'node:child_process';
import { stackCli } from '@storefront/local-stack';

/** Integration tests run against the real local stack: start whatever of it is not running. */
export default function setup() {
	execFileSync(process.execPath, [stackCli, 'up', '--quiet'], { stdio: 'inherit' });
}
