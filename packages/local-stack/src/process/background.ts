import { spawn, type SpawnOptions } from 'node:child_process';
import {
	closeSync,
	existsSync,
	mkdirSync,
	openSync,
	readFileSync,
	rmSync,
	writeFileSync
} from 'node:fs';
import path from 'node:path';
import type { StackContext } from '../config/context.ts';
import { sleep } from './probes.ts';

/** A background process of the stack: its pid file and log live under `.local/`. */
export function processFiles(ctx: StackContext, name: string) {
	return {
		pidFile: path.join(ctx.paths.run, `${name}.pid`),
		logFile: path.join(ctx.paths.logs, `${name}.log`)
	};
}

export function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
	// A process that exited but was not yet reaped by init (a zombie) answers signals too.
	try {
		return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0] !== 'Z';
	} catch {
		return true;
	}
}

export function readPid(pidFile: string): number | undefined {
	if (!existsSync(pidFile)) return undefined;
	const pid = Number(readFileSync(pidFile, 'utf8').trim().split('\n')[0]);
	return Number.isInteger(pid) && pid > 0 && isAlive(pid) ? pid : undefined;
}

/**
 * Launches a command detached from this process, with stdout and stderr appended to its log, so
 * it keeps running after `npm run stack` returns.
 */
export function spawnDetached(
	ctx: StackContext,
	name: string,
	command: string,
	args: string[],
	options: SpawnOptions = {}
): number {
	const { pidFile, logFile } = processFiles(ctx, name);
	mkdirSync(path.dirname(pidFile), { recursive: true });
	mkdirSync(path.dirname(logFile), { recursive: true });
	const out = openSync(logFile, 'a');
	try {
		const child = spawn(command, args, {
			cwd: ctx.paths.workdir,
			detached: true,
			stdio: ['ignore', out, out],
			...options,
			env: { ...process.env, ...ctx.env, ...options.env }
		});
		if (child.pid === undefined) throw new Error(`Could not start ${command}`);
		child.unref();
		writeFileSync(pidFile, `${child.pid}\n`);
		return child.pid;
	} finally {
		closeSync(out);
	}
}

/** Runs a Node entry point of the stack (TypeScript, run by Node's type stripping) in the background. */
export function spawnNodeService(
	ctx: StackContext,
	name: string,
	entry: string,
	args: string[] = [],
	env: Record<string, string> = {}
) {
	return spawnDetached(ctx, name, process.execPath, [entry, ...args], { env });
}

/** Sends SIGTERM (or `firstSignal`) to the process group, then SIGKILL if it has not gone within the grace period. */
export async function stopProcess(
	pidFile: string,
	graceMs = 5000,
	firstSignal: NodeJS.Signals = 'SIGTERM'
): Promise<void> {
	const pid = readPid(pidFile);
	if (pid !== undefined) {
		const signal = (sig: NodeJS.Signals) => {
			try {
				process.kill(-pid, sig);
			} catch {
				try {
					process.kill(pid, sig);
				} catch {
					/* already gone */
				}
			}
		};
		signal(firstSignal);
		const deadline = Date.now() + graceMs;
		while (isAlive(pid) && Date.now() < deadline) await sleep(50);
		if (isAlive(pid)) signal('SIGKILL');
	}
	rmSync(pidFile, { force: true });
}

/** The last lines of a log, to show with an error. */
export function tail(file: string, lines = 20): string {
	if (!existsSync(file)) return '';
	return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
}
