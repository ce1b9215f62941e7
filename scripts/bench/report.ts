// The bench's one table, and bench/results.json.
import { mkdirSync, writeFileSync } from 'node:fs';

export interface Figure {
	figure: string;
	/** What was measured, with its unit. */
	value: string;
	/** What it is compared with, measured in the same run. */
	baseline?: string;
	ratio?: string;
	target: string;
	/** Whether the target is met; null where the figure has no target of its own. */
	met: boolean | null;
	/** The raw numbers, for results.json. */
	data?: Record<string, unknown>;
}

export const figures: Figure[] = [];

export const add = (figure: Figure) => {
	figures.push(figure);
	console.log(`  ${figure.figure}: ${figure.value}${figure.ratio ? ` (${figure.ratio})` : ''}`);
};

export const perSecond = (x: number) => `${Math.round(x).toLocaleString('en')} /s`;
export const ms = (x: number) => `${x.toFixed(x < 10 ? 1 : 0)} ms`;
export const percent = (x: number) => `${(x * 100).toFixed(1)}%`;

export function printTable() {
	const columns = ['figure', 'value', 'baseline', 'ratio', 'target', 'met'] as const;
	const cell = (f: Figure, c: (typeof columns)[number]) =>
		c === 'met' ? (f.met === null ? '' : f.met ? 'yes' : 'NO') : (f[c] ?? '');
	const widths = columns.map((c) => Math.max(c.length, ...figures.map((f) => cell(f, c).length)));
	const row = (cells: string[]) => `| ${cells.map((s, i) => s.padEnd(widths[i])).join(' | ')} |`;
	const lines = [
		row([...columns]),
		row(widths.map((w) => '-'.repeat(w))),
		...figures.map((f) => row(columns.map((c) => cell(f, c))))
	];
	console.log(`\n${lines.join('\n')}\n`);
	return lines.join('\n');
}

export function writeResults(table: string, extra: Record<string, unknown>) {
	mkdirSync('bench', { recursive: true });
	writeFileSync(
		'bench/results.json',
		`${JSON.stringify({ ...extra, figures, table }, null, '\t')}\n`
	);
}
