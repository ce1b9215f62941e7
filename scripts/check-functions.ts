// Lints and type-checks the Edge Functions with Deno itself (they run on Deno, not Node).
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';

const root = 'supabase/functions';
const entries = readdirSync(root, { withFileTypes: true })
	.filter((d) => d.isDirectory() && !d.name.startsWith('.'))
	.flatMap((d) =>
		readdirSync(path.join(root, d.name))
			.filter((f) => f.endsWith('.ts'))
			.map((f) => path.join(root, d.name, f))
	);
const deno = path.resolve('node_modules/deno/deno');
let ok = spawnSync(deno, ['lint', '--quiet', root], { stdio: 'inherit' }).status === 0;
for (const dir of readdirSync(root, { withFileTypes: true }).filter(
	(d) => d.isDirectory() && !/^[_.]/.test(d.name)
)) {
	const files = entries.filter((f) => f.startsWith(path.join(root, dir.name) + path.sep));
	// Each function has its own deno.json (imports, nodeModulesDir): check it from its folder.
	const status = spawnSync(
		deno,
		['check', '--quiet', ...files.map((f) => path.relative(path.join(root, dir.name), f))],
		{
			cwd: path.join(root, dir.name),
			stdio: 'inherit'
		}
	).status;
	ok &&= status === 0;
}
process.exitCode = ok ? 0 : 1;
