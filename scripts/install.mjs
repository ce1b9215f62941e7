// `npm ci` for a fresh clone, run by the machine's own Node (often 20, before the project's Node 24
// exists). npm warns about every package that wants a newer Node than the one running npm: dozens
// of EBADENGINE blocks, none of which matter, because the project runs on its own Node (the `node`
// package, node_modules/.bin/node, which npm scripts put first on PATH). This prints one line
// saying so instead, and every other warning as npm wrote it. Packages that the project's own Node
// would not satisfy either are real problems: those are still shown, one line each.
// Plain JavaScript (.mjs): Node 20 runs it without type stripping.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const child = spawn(npm, ['ci', '--no-audit', '--no-fund'], {
	stdio: ['ignore', 'inherit', 'pipe']
});

/** Each EBADENGINE block: the package and the Node it asks for. */
const wanted = [];
let pending = '';
let block;
child.stderr.setEncoding('utf8');
child.stderr.on('data', (chunk) => {
	const lines = (pending + chunk).split('\n');
	pending = lines.pop() ?? '';
	for (const line of lines) {
		if (!line.startsWith('npm warn EBADENGINE')) {
			process.stderr.write(`${line}\n`);
			continue;
		}
		if (line.includes('Unsupported engine')) block = {};
		const name = /package: '([^']+)'/.exec(line)?.[1];
		const node = /required: \{ node: '([^']+)'/.exec(line)?.[1];
		if (block && name) block.name = name;
		if (block && node) block.node = node;
		if (block && line.endsWith('}') && !line.includes('{')) {
			if (block.name && block.node) wanted.push(block);
			block = undefined;
		}
	}
});

const status = await new Promise((resolve) => child.on('close', resolve));
if (pending) process.stderr.write(`${pending}\n`);
if (status !== 0) process.exit(status ?? 1);

if (wanted.length > 0) {
	const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
	const own = pkg.devDependencies.node;
	const semver = (await import('semver')).default;
	const real = wanted.filter((w) => !semver.satisfies(own, w.node));
	console.log(
		`npm ci: Node ${process.version} installed ${wanted.length} packages that ask for a newer Node; ` +
			`the project runs them on its own Node ${own} (node_modules/.bin/node).`
	);
	for (const { name, node } of real) {
		console.warn(`npm warn: ${name} wants Node ${node}, which the project's Node ${own} is not.`);
	}
}
