import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import ts from 'typescript';

/**
 * What the store and its edge functions answer, read from the filesystem as SvelteKit and
 * Supabase read it: every page (with the names of its form actions), every `+server.ts` (with
 * the HTTP methods it exports), every function folder but `_shared`. The hardening suites test
 * each one and fail on one they have no generator or expectation for, so a new route cannot slip
 * past them.
 */
export interface PageRoute {
	id: string;
	actions: string[];
}
export interface EndpointRoute {
	id: string;
	methods: string[];
}

/** `src/routes/products/[slug]` → `/products/[slug]`, as SvelteKit names route ids. */
const routeId = (root: string, dir: string) =>
	`/${relative(root, dir).split(sep).join('/')}`.replace(/\/$/, '') || '/';

function* directories(dir: string): Generator<string> {
	yield dir;
	for (const name of readdirSync(dir).sort()) {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) yield* directories(path);
	}
}

export function storeRoutes(root = 'src/routes') {
	const pages: PageRoute[] = [];
	const endpoints: EndpointRoute[] = [];
	for (const dir of directories(root)) {
		const files = readdirSync(dir);
		const id = routeId(root, dir);
		if (files.some((f) => /^\+page(\.server)?\.(svelte|ts|js)$/.test(f))) {
			const server = files.find((f) => /^\+page\.server\.(ts|js)$/.test(f));
			const source = server ? readFileSync(join(dir, server), 'utf8') : '';
			pages.push({ id, actions: actionNames(source, join(dir, server ?? '')) });
		}
		const endpoint = files.find((f) => /^\+server\.(ts|js)$/.test(f));
		if (endpoint) {
			endpoints.push({ id, methods: exportedMethods(readFileSync(join(dir, endpoint), 'utf8')) });
		}
	}
	return { pages, endpoints };
}

/** What a suite's table (keyed by route, action or function) lacks for what is on disk, and what it lists that is gone. */
export function coverageGaps(onDisk: string[], table: object) {
	return {
		missing: onDisk.filter((name) => !(name in table)),
		gone: Object.keys(table).filter((name) => !onDisk.includes(name))
	};
}

/** Folders of supabase/functions, each a function; `_shared` (and any `_x`) is code they share. */
export const edgeFunctions = (root = 'supabase/functions') =>
	readdirSync(root)
		.filter((name) => !name.startsWith('_') && statSync(join(root, name)).isDirectory())
		.sort();

const parse = (source: string) =>
	ts.createSourceFile('route.ts', source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);

const isExported = (node: ts.Node) =>
	ts.canHaveModifiers(node) &&
	(ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);

/** `x satisfies T`, `x as T`, `(x)`: the expression inside. */
function unwrap(node: ts.Expression): ts.Expression {
	while (
		ts.isSatisfiesExpression(node) ||
		ts.isAsExpression(node) ||
		ts.isParenthesizedExpression(node)
	) {
		node = node.expression;
	}
	return node;
}

/**
 * The names in `export const actions = { … }`. Anything the suite cannot read for sure (a
 * spread, a computed name, actions built elsewhere) is an error, not a guess.
 */
export function actionNames(source: string, file = 'route'): string[] {
	for (const statement of parse(source).statements) {
		if (!ts.isVariableStatement(statement) || !isExported(statement)) continue;
		for (const declaration of statement.declarationList.declarations) {
			if (!ts.isIdentifier(declaration.name) || declaration.name.text !== 'actions') continue;
			const object = declaration.initializer && unwrap(declaration.initializer);
			if (!object || !ts.isObjectLiteralExpression(object)) {
				throw new Error(
					`${file}: write \`actions\` as an object literal, so the suites can list them`
				);
			}
			return object.properties.map((property) => {
				const name = property.name;
				if (name && (ts.isIdentifier(name) || ts.isStringLiteral(name))) return name.text;
				throw new Error(`${file}: an action the suites cannot name (${property.getText()})`);
			});
		}
	}
	return [];
}

/** The request handlers a `+server.ts` exports: `GET`, `POST`, …, and `fallback`. */
export function exportedMethods(source: string): string[] {
	const names: string[] = [];
	for (const statement of parse(source).statements) {
		if (ts.isFunctionDeclaration(statement) && isExported(statement) && statement.name) {
			names.push(statement.name.text);
		} else if (ts.isVariableStatement(statement) && isExported(statement)) {
			for (const d of statement.declarationList.declarations) {
				if (ts.isIdentifier(d.name)) names.push(d.name.text);
			}
		} else if (
			ts.isExportDeclaration(statement) &&
			statement.exportClause &&
			ts.isNamedExports(statement.exportClause)
		) {
			for (const element of statement.exportClause.elements) names.push(element.name.text);
		}
	}
	return names.filter((name) => /^[A-Z]+$/.test(name) || name === 'fallback').sort();
}
