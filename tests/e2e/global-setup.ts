import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { stackCli } from '@storefront/local-stack';

/** e2e runs against the real stack and the production build; start and build what is missing. */
export default function setup() {
	execFileSync(process.execPath, [stackCli, 'up', '--quiet'], { stdio: 'inherit' });
	if (!existsSync('build/index.js')) {
		execFileSync(
			process.execPath,
			['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'],
			{
				stdio: 'inherit'
			}
		);
	}
}
