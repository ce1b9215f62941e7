import qs from 'qs';

/** A request's parameters as Stripe reads them: nested objects and arrays, every leaf a string. */
export type Params = Record<string, unknown>;

/**
 * Parses a form-encoded body or query string with Stripe's bracket rules
 * (`metadata[k]=v`, `line_items[0][quantity]=1`, `expand[]=x`). The limits are Stripe's, not qs's
 * defaults: qs turns indices above 20 into object keys, which would break long `line_items`.
 */
export function parseForm(text: string): Params {
	return qs.parse(text, { depth: 20, arrayLimit: 100, parameterLimit: 10_000, allowDots: false });
}

/** The bracketed name Stripe reports in `param` for a path such as ['line_items', 0, 'quantity']. */
export function paramName(path: readonly PropertyKey[]): string {
	const [head, ...rest] = path.map(String);
	return (head ?? '') + rest.map((part) => `[${part}]`).join('');
}
