import { randomUUID } from 'node:crypto';
import { keyOf, scopeOf, type Deps } from '../deps.ts';
import { sendJson, type Ctx } from '../http.ts';
import {
	findObject,
	moveObjectRow,
	searchObjects,
	upsertObject,
	type ObjectRow
} from '../queries.ts';
import { noSuchKeyUnless } from '../render.ts';
import { mustBeValidBucketName, mustBeValidKey } from '../rules.ts';
import { parseUserMetadata } from '../upload-source.ts';
import { lockName, mustBeAllowedToWrite } from '../upload.ts';
import { objectJson } from './write.ts';

/** Moving, copying and listing objects. */
interface Transfer {
	bucketId: string;
	sourceKey: string;
	destinationKey: string;
	destinationBucket?: string;
}

/**
 * `POST /object/move`: the caller must see the source and be allowed to update its row into the
 * destination (tried as the caller, rolled back); the server then copies the bytes to a new
 * version under the new name, repoints the row (same id) and removes the old bytes.
 */
export async function moveRoute(deps: Deps, ctx: Ctx, body: unknown) {
	const input = body as Transfer;
	const to = input.destinationBucket || input.bucketId;
	mustBeValidBucketName(input.bucketId);
	mustBeValidKey(input.destinationKey);
	const scope = scopeOf(ctx, 'storage.object.move');
	const from = { bucketId: input.bucketId, name: input.sourceKey };
	const version = randomUUID();
	const target = {
		bucketId: to,
		name: input.destinationKey,
		owner: ctx.caller.owner,
		version,
		metadata: null
	};
	await deps.db.tryAndRollBack(scope, async (tx) => {
		noSuchKeyUnless(await findObject(tx, from.bucketId, from.name));
		noSuchKeyUnless(await moveObjectRow(tx, from, target));
	});
	const source = noSuchKeyUnless(
		await deps.db.run(deps.db.superUser(scope), (tx) => findObject(tx, from.bucketId, from.name))
	);
	if (keyOf(from.bucketId, from.name) === keyOf(to, input.destinationKey)) {
		return sendJson(ctx, 200, { message: 'Successfully moved' });
	}
	const oldFile = deps.files.pathOf(from.bucketId, from.name, source.version);
	const newFile = deps.files.pathOf(to, input.destinationKey, version);
	await deps.files.copy(oldFile, newFile);
	try {
		await deps.db.run(deps.db.superUser(scope), async (tx) => {
			await lockName(tx, to, input.destinationKey);
			noSuchKeyUnless(await findObject(tx, from.bucketId, from.name, { forUpdate: true }));
			await moveObjectRow(tx, from, { ...target, metadata: source.metadata });
		});
	} catch (error) {
		await deps.files.remove(newFile);
		throw error;
	}
	await deps.files.remove(oldFile);
	sendJson(ctx, 200, { message: 'Successfully moved' });
}

/**
 * `POST /object/copy` (`x-upsert: true` to replace): the caller must see the source and be allowed
 * to write the destination; the copy gets its own id and bytes, owned by the caller.
 */
export async function copyRoute(deps: Deps, ctx: Ctx, body: unknown) {
	const input = body as Transfer & {
		copyMetadata?: boolean;
		metadata?: { cacheControl?: string; mimetype?: string };
	};
	const to = input.destinationBucket || input.bucketId;
	mustBeValidBucketName(input.bucketId);
	mustBeValidKey(input.destinationKey);
	const scope = scopeOf(ctx, 'storage.object.copy');
	const source = noSuchKeyUnless(
		await deps.db.run(scope, (tx) => findObject(tx, input.bucketId, input.sourceKey))
	);
	const copyMetadata = input.copyMetadata ?? true;
	const metadata = copyMetadata ? source.metadata : { ...source.metadata, ...input.metadata };
	const header = ctx.req.headers['x-metadata'];
	const userMetadata = copyMetadata
		? (source.user_metadata ?? undefined)
		: typeof header === 'string'
			? parseUserMetadata(header)
			: undefined;
	const upsert = ctx.req.headers['x-upsert'] === 'true';
	const owner = ctx.caller.owner;
	const destination = {
		bucketId: to,
		name: input.destinationKey,
		owner,
		version: '1',
		metadata,
		userMetadata
	};
	await mustBeAllowedToWrite(deps, scope, destination, upsert);
	const version = randomUUID();
	const newFile = deps.files.pathOf(to, input.destinationKey, version);
	await deps.files.copy(
		deps.files.pathOf(input.bucketId, input.sourceKey, source.version),
		newFile
	);
	let written: { row: ObjectRow; replaced?: string | null };
	try {
		written = await deps.db.run(deps.db.superUser(scope), async (tx) => {
			await lockName(tx, to, input.destinationKey);
			const existing = await findObject(tx, to, input.destinationKey, { forUpdate: true });
			const row = await upsertObject(tx, { ...destination, version });
			return { row, replaced: existing?.version };
		});
	} catch (error) {
		await deps.files.remove(newFile);
		throw error;
	}
	if (written.replaced)
		await deps.files.remove(deps.files.pathOf(to, input.destinationKey, written.replaced));
	sendJson(ctx, 200, {
		Key: keyOf(to, input.destinationKey),
		Id: written.row.id,
		...objectJson(written.row)
	});
}

interface ListBody {
	prefix: string;
	limit?: number;
	offset?: number;
	search?: string;
	sortBy?: { column: string; order?: string };
}

/** `POST /object/list/{bucket}`: one level under `prefix`, what the caller may see. */
export async function listRoute(deps: Deps, ctx: Ctx, bucketId: string, body: unknown) {
	const input = body as ListBody;
	mustBeValidBucketName(bucketId);
	const prefix =
		input.prefix.length > 0 && !input.prefix.endsWith('/') ? `${input.prefix}/` : input.prefix;
	const rows = await deps.db.run(scopeOf(ctx, 'storage.object.list'), (tx) =>
		searchObjects(tx, bucketId, prefix, {
			limit: input.limit ?? 100,
			offset: input.offset ?? 0,
			search: input.search ?? '',
			sortColumn: input.sortBy?.column ?? 'name',
			sortOrder: input.sortBy?.order ?? 'asc'
		})
	);
	sendJson(
		ctx,
		200,
		rows.map((row) => ({
			name: row.name,
			id: row.id,
			updated_at: row.updated_at?.toISOString() ?? null,
			created_at: row.created_at?.toISOString() ?? null,
			last_accessed_at: row.last_accessed_at?.toISOString() ?? null,
			metadata: row.metadata
		}))
	);
}
