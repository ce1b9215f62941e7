import type { Scope, StorageDb } from './db.ts';
import type { FileStore } from './files.ts';
import type { Ctx } from './http.ts';
import type { StorageSettings } from './settings.ts';

/** What every route needs: settings, the database, the bytes. */
export interface Deps {
	settings: StorageSettings;
	db: StorageDb;
	files: FileStore;
}

/** The database scope of a request: its caller, what it is doing, its method, path and headers. */
export const scopeOf = (ctx: Ctx, operation: string): Scope => ({
	caller: ctx.caller,
	method: ctx.method,
	path: ctx.url.pathname + ctx.url.search,
	headers: ctx.req.headers,
	operation
});

/** The object's path as storage-api names it in answers: `<bucket>/<name>`. */
export const keyOf = (bucketId: string, name: string) => `${bucketId}/${name}`;
