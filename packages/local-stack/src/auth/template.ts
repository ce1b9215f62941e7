/**
 * The part of Go's html/template that email templates use: `{{ .Field.Sub }}`, `{{ if }}`,
 * `{{ else }}`, `{{ else if }}`, `{{ with }}`, `{{ end }}`, comments and `{{-`/`-}}` trimming, with
 * output escaped by context as html/template does (text, quoted attribute, URL attribute before
 * and after its `?`). Anything else is refused when the template is loaded, so the caller can
 * fall back to GoTrue's default template as GoTrue does when a template fails to parse.
 */
export class TemplateError extends Error {}

type Escape = 'html' | 'url-start' | 'url-pre-query' | 'url-query';
type Node =
	| { kind: 'text'; text: string }
	| { kind: 'field'; path: string[]; escape: Escape }
	| { kind: 'if' | 'with'; path: string[]; then: Node[]; otherwise: Node[] };

export interface Template {
	render: (data: unknown) => string;
}

const actionPattern = /\{\{(-\s)?\s*([\s\S]*?)\s*(\s-)?\}\}/g;
const urlAttrs = new Set([
	'href',
	'src',
	'action',
	'cite',
	'formaction',
	'poster',
	'background',
	'longdesc',
	'usemap',
	'data',
	'codebase',
	'manifest',
	'icon'
]);

function parsePath(expr: string, source: string): string[] {
	if (expr === '.') return [];
	if (!/^(\.[A-Za-z_][A-Za-z0-9_]*)+$/.test(expr))
		throw new TemplateError(`unsupported template expression "{{ ${expr} }}" in ${source}`);
	return expr.slice(1).split('.');
}

/** How an interpolation at the end of `html` must be escaped; throws for script and style contexts. */
export function escapeContext(html: string, source = 'template'): Escape {
	const unsupported = () =>
		new TemplateError(
			`unsupported template action inside <script>, <style> or an event/style attribute in ${source}`
		);
	const lower = html.toLowerCase();
	const lastScript = Math.max(lower.lastIndexOf('<script'), lower.lastIndexOf('<style'));
	if (lastScript >= 0 && !/<\/(script|style)/.test(lower.slice(lastScript))) throw unsupported();
	const tagStart = html.lastIndexOf('<');
	if (tagStart < 0 || html.indexOf('>', tagStart) >= 0 || html.startsWith('<!--', tagStart))
		return 'html';
	// Inside a tag: find the attribute being written, if any.
	const tag = html.slice(tagStart);
	const attr = /([^\s"'=<>/]+)\s*=\s*(["'])((?:(?!\2)[\s\S])*)$/.exec(tag);
	if (!attr) {
		if (/=\s*$/.test(tag))
			throw new TemplateError(`unquoted attribute value with a template action in ${source}`);
		throw new TemplateError(
			`template action inside a tag but outside an attribute value in ${source}`
		);
	}
	const name = attr[1].toLowerCase();
	if (name.startsWith('on') || name === 'style') throw unsupported();
	if (!urlAttrs.has(name) && !name.includes('url') && !name.includes('uri')) return 'html';
	const value = attr[3];
	if (value === '') return 'url-start';
	return /[?#]/.test(value) ? 'url-query' : 'url-pre-query';
}

export function parseTemplate(source: string, name = 'template'): Template {
	const root: Node[] = [];
	const stack: { node: Extract<Node, { kind: 'if' | 'with' }>; inElse: boolean; nested: number }[] =
		[];
	let htmlSoFar = '';
	const out = () => {
		const top = stack.at(-1);
		return top ? (top.inElse ? top.node.otherwise : top.node.then) : root;
	};
	let last = 0;
	let trimNext = false;
	for (const m of source.matchAll(actionPattern)) {
		let text = source.slice(last, m.index);
		if (trimNext) text = text.replace(/^\s+/, '');
		if (m[1]) text = text.replace(/\s+$/, '');
		trimNext = Boolean(m[3]);
		last = m.index + m[0].length;
		if (text) out().push({ kind: 'text', text });
		htmlSoFar += text;
		const action = m[2].trim();
		const [keyword, ...rest] = action.split(/\s+/);
		const arg = rest.join(' ');
		if (/^\/\*[\s\S]*\*\/$/.test(action)) continue;
		if (keyword === 'if' || keyword === 'with') {
			const node = {
				kind: keyword,
				path: parsePath(arg, name),
				then: [],
				otherwise: []
			} as Extract<Node, { kind: 'if' | 'with' }>;
			out().push(node);
			stack.push({ node, inElse: false, nested: 0 });
		} else if (keyword === 'else') {
			const top = stack.at(-1);
			if (!top || top.inElse) throw new TemplateError(`unexpected {{ else }} in ${name}`);
			top.inElse = true;
			if (rest[0] === 'if') {
				// `else if X` is `else` + a nested `if` closed by the same `end`.
				const node = {
					kind: 'if',
					path: parsePath(rest.slice(1).join(' '), name),
					then: [],
					otherwise: []
				} as Extract<Node, { kind: 'if' }>;
				top.node.otherwise.push(node);
				stack.push({ node, inElse: false, nested: top.nested + 1 });
			}
		} else if (keyword === 'end') {
			const top = stack.pop();
			if (!top) throw new TemplateError(`unexpected {{ end }} in ${name}`);
			for (let i = 0; i < top.nested; i++) stack.pop();
		} else if (keyword.startsWith('.') && rest.length === 0) {
			out().push({
				kind: 'field',
				path: parsePath(keyword, name),
				escape: escapeContext(htmlSoFar, name)
			});
			htmlSoFar += 'x'; // an interpolated value is part of the attribute value from here on
		} else {
			throw new TemplateError(`unsupported template action "{{ ${action} }}" in ${name}`);
		}
	}
	if (stack.length) throw new TemplateError(`unclosed {{ ${stack.at(-1)!.node.kind} }} in ${name}`);
	let tail = source.slice(last);
	if (trimNext) tail = tail.replace(/^\s+/, '');
	if (tail.includes('{{')) throw new TemplateError(`unclosed action in ${name}`);
	if (tail) root.push({ kind: 'text', text: tail });
	return { render: (data) => renderNodes(root, data, data) };
}

function lookup(dot: unknown, path: string[]): unknown {
	let value = dot;
	for (const key of path) {
		if (value === null || typeof value !== 'object') return undefined;
		value = (value as Record<string, unknown>)[key];
	}
	return value;
}

/** Go's truth: false, 0, nil, "" and empty maps and slices are false. */
function truthy(value: unknown): boolean {
	if (value === null || value === undefined || value === false || value === 0 || value === '')
		return false;
	if (Array.isArray(value)) return value.length > 0;
	if (typeof value === 'object') return Object.keys(value).length > 0;
	return true;
}

function renderNodes(nodes: Node[], dot: unknown, root: unknown): string {
	let html = '';
	for (const node of nodes) {
		if (node.kind === 'text') html += node.text;
		else if (node.kind === 'field') html += escapeValue(lookup(dot, node.path), node.escape);
		else {
			const value = lookup(dot, node.path);
			if (truthy(value)) html += renderNodes(node.then, node.kind === 'with' ? value : dot, root);
			else html += renderNodes(node.otherwise, dot, root);
		}
	}
	return html;
}

const stringify = (value: unknown) =>
	value === null || value === undefined
		? ''
		: typeof value === 'object'
			? JSON.stringify(value)
			: String(value);

/** html/template's htmlEscaper (also used for quoted attribute values). */
export const escapeHtml = (s: string) =>
	s.replace(
		/[&<>"'+\0]/g,
		(c) =>
			({
				'&': '&amp;',
				'<': '&lt;',
				'>': '&gt;',
				'"': '&#34;',
				"'": '&#39;',
				'+': '&#43;',
				'\0': '\uFFFD'
			})[c]!
	);

/**
 * html/template's URL processing, byte by byte over UTF-8 with lowercase hex: the normalizer keeps
 * reserved characters and valid escapes; the escaper (query part) encodes all but unreserved ones.
 */
function processUrl(s: string, normalize: boolean): string {
	const bytes = Buffer.from(s);
	let out = '';
	for (let i = 0; i < bytes.length; i++) {
		const c = String.fromCharCode(bytes[i]);
		const keep =
			/[A-Za-z0-9\-._~]/.test(c) ||
			(normalize && '!#$&*+,/:;=?@[]'.includes(c)) ||
			(normalize && c === '%' && /^[0-9a-fA-F]{2}$/.test(s.slice(i + 1, i + 3)));
		out += keep && bytes[i] < 0x80 ? c : `%${bytes[i].toString(16).padStart(2, '0')}`;
	}
	return out;
}

function escapeValue(value: unknown, escape: Escape): string {
	const s = stringify(value);
	if (escape === 'html') return escapeHtml(s);
	if (escape === 'url-query') return escapeHtml(processUrl(s, false));
	// At the start of a URL attribute, only safe schemes pass (html/template's urlFilter).
	if (escape === 'url-start' && /^[^/?#]*:/.test(s) && !/^(https?|mailto):/i.test(s))
		return '#ZgotmplZ';
	return escapeHtml(processUrl(s, true));
}
