// Statements sent with their values written in as literals, for `asUserAtOnce` (db.ts): a
// simple-protocol message carries several statements but no parameters.

/** A value a statement carries: written into its text as a SQL literal (see `statement`). */
export type Literal = string | number | boolean | null;

/** SQL text whose every value went through `literal` (build it with `statement`). */
export interface Statement {
	readonly text: string;
}

/**
 * A value as a SQL literal, quoted as libpq's PQescapeLiteral does: an escape string (`E'…'`, so
 * its meaning does not hang on `standard_conforming_strings`) with quotes and backslashes doubled;
 * the connection speaks UTF-8, where no byte of a multibyte character is a quote or a backslash.
 */
export function literal(value: Literal): string {
	if (value === null) return 'null';
	if (typeof value === 'boolean') return String(value);
	if (typeof value === 'number') {
		if (!Number.isFinite(value)) throw new Error(`${value} is no SQL number`);
		return `(${value})`;
	}
	// Postgres text cannot hold NUL; refused here rather than cut short there.
	if (value.includes('\0')) throw new Error('a NUL character cannot be sent to Postgres');
	return `E'${value.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`;
}

/**
 * A statement for `asUserAtOnce`: the template's text, each value in it a `literal` (or a
 * statement fragment, kept as it is). Text never comes from a value unquoted.
 */
export function statement(strings: TemplateStringsArray, ...values: (Literal | Statement)[]) {
	const text = strings.reduce((sql, part, i) => {
		const value = values[i - 1];
		const written = typeof value === 'object' && value !== null ? value.text : literal(value);
		return sql + written + part;
	});
	return { text } satisfies Statement;
}
