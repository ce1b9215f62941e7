import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, readdirSync, watch } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { freePort, portOpen } from '../process/probes.ts';

/** The binary `npm install deno` places beside its package.json. */
const denoBin = () =>
	path.join(path.dirname(createRequire(import.meta.url).resolve('deno/package.json')), 'deno');

/** Folders of `supabase/functions` served as functions: all but `_shared` and dot folders. */
export function functionNames(functionsDir: string): string[] {
	if (!existsSync(functionsDir)) return [];
	return readdirSync(functionsDir, { withFileTypes: true })
		.filter((d) => d.isDirectory() && !/^[_.]/.test(d.name))
		.filter((d) => existsSync(path.join(functionsDir, d.name, 'index.ts')))
		.map((d) => d.name)
		.sort();
}

/**
 * The gateway's own environment minus the stack's SUPABASE_* variables: a function sees only the
 * ones the edge runtime injects (handed to FunctionWorkers), not, say, the JWT secret.
 */
const inherited = () =>
	Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('SUPABASE_')));

export type WorkerState = { status: 'running'; port: number } | { status: 'failed'; error: string };

interface Worker {
	ready: Promise<WorkerState>;
	child?: ChildProcess;
	exited: boolean;
}

/**
 * One Deno process per function, each serving its `Deno.serve` handler on a port of its own, as
 * the edge runtime gives each function its own worker. A worker that failed to boot or died is
 * started again on the next request, and a change under `supabase/functions` restarts them all,
 * so edits show without restarting the stack.
 */
export class FunctionWorkers {
	private workers = new Map<string, Worker>();
	private log;
	private functionsDir: string;
	private env: Record<string, string>;
	private bootTimeoutMs: number;

	constructor(
		functionsDir: string,
		env: Record<string, string>,
		logFile: string,
		bootTimeoutMs = 60_000
	) {
		this.functionsDir = functionsDir;
		this.env = env;
		this.bootTimeoutMs = bootTimeoutMs;
		this.log = createWriteStream(logFile, { flags: 'a' });
	}

	private known: string[] | undefined;

	/** The served functions, read once and again after any change under the folder. */
	names = () => (this.known ??= functionNames(this.functionsDir));

	/** The worker's port once it listens, or why it could not start. */
	get(name: string): Promise<WorkerState> {
		const existing = this.workers.get(name);
		if (existing && !existing.exited) return existing.ready;
		const worker: Worker = {
			exited: false,
			ready: Promise.resolve({ status: 'failed', error: '' })
		};
		worker.ready = this.boot(name, worker);
		this.workers.set(name, worker);
		return worker.ready;
	}

	private async boot(name: string, worker: Worker): Promise<WorkerState> {
		const recent: string[] = [];
		const remember = (line: string) => {
			recent.push(line);
			if (recent.length > 40) recent.shift();
			this.log.write(`[${name}] ${line}\n`);
		};
		const dir = path.join(this.functionsDir, name);
		const port = await freePort();
		const child = spawn(denoBin(), ['run', '--allow-all', '--no-prompt', 'index.ts'], {
			cwd: dir,
			// Deno.serve() without options listens where DENO_SERVE_ADDRESS says.
			env: {
				...inherited(),
				...this.env,
				DENO_SERVE_ADDRESS: `tcp:127.0.0.1:${port}`,
				// Plain text in the log file.
				NO_COLOR: '1'
			},
			stdio: ['ignore', 'pipe', 'pipe']
		});
		worker.child = child;
		for (const stream of [child.stdout!, child.stderr!]) {
			createInterface({ input: stream }).on('line', remember);
		}
		const exit = new Promise<WorkerState>((resolve) =>
			child.once('exit', (code, signal) => {
				worker.exited = true;
				remember(`worker exited (${signal ?? `code ${code}`})`);
				resolve({ status: 'failed', error: recent.slice(-15).join('\n') });
			})
		);
		const listen = (async (): Promise<WorkerState> => {
			const deadline = Date.now() + this.bootTimeoutMs;
			while (!worker.exited && Date.now() < deadline) {
				if (await portOpen(port)) return { status: 'running', port };
				await new Promise((r) => setTimeout(r, 50));
			}
			if (!worker.exited) child.kill('SIGKILL');
			return { status: 'failed', error: `did not listen within ${this.bootTimeoutMs} ms` };
		})();
		return Promise.race([exit, listen]);
	}

	/** Restarts workers lazily after an edit under `supabase/functions` (debounced). */
	watchForChanges() {
		let timer: NodeJS.Timeout | undefined;
		watch(this.functionsDir, { recursive: true }, (_event, file) => {
			// Deno itself writes node_modules/ and deno.lock on first run; those are not edits.
			if (file && /(^|\/)(node_modules(\/|$)|deno\.lock$)/.test(file)) return;
			clearTimeout(timer);
			timer = setTimeout(() => {
				this.known = undefined;
				this.stopAll();
			}, 200);
		});
	}

	stopAll() {
		for (const worker of this.workers.values()) worker.child?.kill('SIGTERM');
		this.workers.clear();
	}
}
