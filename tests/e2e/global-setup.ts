import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** e2e runs against the real stack and the production build; start and build what is missing. */
export default function setup() {
	execFileSync(process.execPath, ['stack/cli.ts', 'up', '--quiet'], { stdio: 'inherit' });
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
