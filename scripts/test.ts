// `npm test`: static checks, unit tests, then integration and e2e tests against the local stack
// (started when needed). Every suite runs even when an earlier one fails, and the run ends with
// one line counting all of them: "N passed, N failed, N skipped".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { legacyKeysProject, stackCli } from '@storefront/local-stack';

const started = Date.now();
const results = 'tests/.results';
rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });

interface Tally {
	passed: number;
	failed: number;
	skipped: number;
}
const total: Tally = { passed: 0, failed: 0, skipped: 0 };
const lines: string[] = [];

function exec(command: string, args: string[], env: Record<string, string> = {}) {
	console.log(`\n▶ ${[command, ...args].join(' ')}`);
	const bin = command === 'node' ? process.execPath : `node_modules/.bin/${command}`;
	return spawnSync(bin, args, { stdio: 'inherit', env: { ...process.env, ...env } }).status === 0;
}

/** A check with no test count of its own counts as one test. */
function check(name: string, command: string, args: string[]) {
	const ok = exec(command, args);
	record(name, { passed: ok ? 1 : 0, failed: ok ? 0 : 1, skipped: 0 });
	return ok;
}

function record(name: string, tally: Tally) {
	total.passed += tally.passed;
	total.failed += tally.failed;
	total.skipped += tally.skipped;
	lines.push(
		`${name.padEnd(20)} ${tally.passed} passed, ${tally.failed} failed, ${tally.skipped} skipped`
	);
}

/**
 * One Vitest project (the local stack's are `stack (unit)` and `stack (integration)`), or part of
 * one (`filters`), recorded as `name`, with `env` added to the run's environment.
 */
function vitest(project: string, { name = project, filters = [] as string[], env = {} } = {}) {
	const file = `${results}/${name.replace(/\W+/g, '-').replace(/-$/, '')}.json`;
	const ok = exec(
		'vitest',
		[
			'run',
			'--project',
			project,
			...filters,
			'--reporter=default',
			'--reporter=json',
			`--outputFile.json=${file}`
		],
		env
	);
	if (!existsSync(file)) return record(name, { passed: 0, failed: 1, skipped: 0 });
	const report = JSON.parse(readFileSync(file, 'utf8'));
	const failedFiles = report.testResults.filter(
		(r: { status: string; assertionResults: unknown[] }) =>
			r.status === 'failed' && r.assertionResults.length === 0
	).length;
	record(name, {
		passed: report.numPassedTests,
		failed:
			report.numFailedTests + failedFiles + (ok || report.numFailedTests || failedFiles ? 0 : 1),
		skipped: report.numPendingTests + report.numTodoTests
	});
}

function playwright() {
	const file = `${results}/e2e.json`;
	const ok = exec('playwright', ['test'], { CI: '1' });
	if (!existsSync(file)) return record('e2e', { passed: 0, failed: 1, skipped: 0 });
	const { stats, errors } = JSON.parse(readFileSync(file, 'utf8'));
	record('e2e', {
		passed: stats.expected + stats.flaky,
		failed: stats.unexpected + (errors?.length ?? 0) + (ok || stats.unexpected ? 0 : 1),
		skipped: stats.skipped
	});
}

/**
 * The auth contract suite once more, against a project without signing keys (HS256 alone, a
 * project made before asymmetric keys): the project's stack is stopped meanwhile, since both use
 * the same ports, and started again after.
 */
function authSuiteWithLegacyKeys() {
	exec('node', [stackCli, 'down']);
	const workdir = legacyKeysProject();
	try {
		if (check('stack (HS256)', 'node', [stackCli, 'up', '--quiet', '--workdir', workdir])) {
			vitest('stack (integration)', {
				name: 'auth (HS256)',
				filters: ['packages/local-stack/tests/integration/auth'],
				env: { STACK_WORKDIR: workdir }
			});
		}
		exec('node', [stackCli, 'down', '--workdir', workdir]);
	} finally {
		rmSync(workdir, { recursive: true, force: true });
	}
	check('stack (again)', 'node', [stackCli, 'up', '--quiet']);
}

check('format', 'prettier', ['--check', '.']);
check('eslint', 'eslint', ['.']);
if (check('types', 'node', ['node_modules/@sveltejs/kit/svelte-kit.js', 'sync'])) {
	check('svelte-check', 'svelte-check', ['--tsconfig', './tsconfig.json', '--fail-on-warnings']);
}
check('functions', 'node', ['scripts/check-functions.ts']);
vitest('unit');
vitest('stack (unit)');
if (check('stack', 'node', [stackCli, 'up', '--quiet'])) {
	// Some integration tests run the built store beside the stack, so the build comes first.
	if (check('build', 'vite', ['build', '--logLevel', 'warn'])) {
		vitest('integration');
		vitest('stack (integration)');
		playwright();
	}
	authSuiteWithLegacyKeys();
}

console.log(`\n${lines.join('\n')}`);
console.log(`(${Math.round((Date.now() - started) / 1000)} s)`);
console.log(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exitCode = total.failed === 0 ? 0 : 1;
