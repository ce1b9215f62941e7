import type { Tx } from './db.ts';
import { isUuid } from './rules.ts';

/**
 * The metadata queries, each run inside a scoped transaction (`StorageDb.run`), so RLS applies to
 * every one of them as it applies to storage-api's. Statements mirror storage-api's own: an
 * insert that returns nothing (a policy without SELECT may allow it), upserts and deletes that
 * return the row.
 */
export interface BucketRow {
	id: string;
	name: string;
	owner: string | null;
	owner_id: string | null;
	public: boolean;
	file_size_limit: number | null;
	allowed_mime_types: string[] | null;
	type: string;
	created_at: Date;
	updated_at: Date;
}

export interface ObjectRow {
	id: string;
	bucket_id: string;
	name: string;
	owner: string | null;
	owner_id: string | null;
	version: string | null;
	metadata: Record<string, unknown> | null;
	user_metadata: Record<string, unknown> | null;
	created_at: Date;
	updated_at: Date;
	last_accessed_at: Date;
}

// file_size_limit is a bigint, which postgres.js hands over as text.
const bucketOf = (row: BucketRow): BucketRow => ({
	...row,
	file_size_limit: row.file_size_limit === null ? null : Number(row.file_size_limit)
});

export async function findBucket(tx: Tx, id: string, options: { forUpdate?: boolean } = {}) {
	const lock = options.forUpdate ? tx`for update` : tx``;
	const [row] = await tx<BucketRow[]>`select * from storage.buckets where id = ${id} ${lock}`;
	return row && bucketOf(row);
}

export interface BucketListOptions {
	limit?: number;
	offset?: number;
	sortColumn?: 'id' | 'name' | 'created_at' | 'updated_at';
	sortOrder?: 'asc' | 'desc';
	search?: string;
}

export const escapeLike = (text: string) => text.replace(/([\\%_])/g, '\\$1');

export async function listBuckets(tx: Tx, o: BucketListOptions) {
	const search = o.search ? tx`where name ilike ${`%${escapeLike(o.search)}%`}` : tx``;
	const order = o.sortColumn
		? tx`order by ${tx(o.sortColumn)} ${o.sortOrder === 'desc' ? tx`desc` : tx`asc`}`
		: tx``;
	const limit = o.limit === undefined ? tx`` : tx`limit ${o.limit}`;
	const rows = await tx<
		BucketRow[]
	>`select * from storage.buckets ${search} ${order} ${limit} offset ${o.offset ?? 0}`;
	return rows.map(bucketOf);
}

export interface NewBucket {
	id: string;
	name: string;
	owner?: string;
	public: boolean;
	file_size_limit: number | null;
	allowed_mime_types: string[] | null;
}

export async function insertBucket(tx: Tx, b: NewBucket) {
	await tx`insert into storage.buckets (id, name, owner, owner_id, public, file_size_limit, allowed_mime_types, type)
		values (${b.id}, ${b.name}, ${b.owner && isUuid(b.owner) ? b.owner : null}, ${b.owner ?? null},
			${b.public}, ${b.file_size_limit}, ${b.allowed_mime_types}, 'STANDARD')`;
}

export type BucketChanges = Partial<
	Pick<BucketRow, 'public' | 'file_size_limit' | 'allowed_mime_types'>
>;

/** Updates the given columns (undefined ones are left alone); the number of rows changed. */
export async function updateBucket(tx: Tx, id: string, changes: BucketChanges) {
	const columns = Object.keys(changes).filter(
		(key) => changes[key as keyof BucketChanges] !== undefined
	) as (keyof BucketChanges)[];
	if (columns.length === 0) return 1;
	const result = await tx`update storage.buckets set ${tx(changes, columns)} where id = ${id}`;
	return result.count;
}

export async function deleteBucket(tx: Tx, id: string) {
	return (await tx`delete from storage.buckets where id = ${id}`).count;
}

/** Up to `limit` objects of a bucket are counted: enough to tell "empty" from "not". */
export async function countObjects(tx: Tx, bucketId: string, limit: number) {
	return (await tx`select 1 from storage.objects where bucket_id = ${bucketId} limit ${limit}`)
		.length;
}

export async function findObject(
	tx: Tx,
	bucketId: string,
	name: string,
	options: { forUpdate?: boolean } = {}
) {
	const lock = options.forUpdate ? tx`for update` : tx``;
	const [row] = await tx<ObjectRow[]>`select * from storage.objects
		where bucket_id = ${bucketId} and name = ${name} ${lock}`;
	return row;
}

/** The names among `names` that the scope's role can see in the bucket. */
export async function visibleNames(tx: Tx, bucketId: string, names: string[]) {
	const rows = await tx<{ name: string }[]>`select name from storage.objects
		where bucket_id = ${bucketId} and name = any(${names})`;
	return new Set(rows.map((row) => row.name));
}

export interface ObjectWrite {
	bucketId: string;
	name: string;
	owner?: string;
	version: string;
	metadata: Record<string, unknown> | null;
	userMetadata?: Record<string, unknown>;
}

const json = (tx: Tx, value: Record<string, unknown> | null | undefined) =>
	value == null ? null : tx.json(value as Parameters<Tx['json']>[0]);

const ownerColumns = (owner?: string) => ({
	owner: owner && isUuid(owner) ? owner : null,
	owner_id: owner ?? null
});

/** A new row, nothing returned: storage-api's permission probe for an upload that must not replace. */
export async function insertObject(tx: Tx, o: ObjectWrite) {
	const { owner, owner_id } = ownerColumns(o.owner);
	await tx`insert into storage.objects (bucket_id, name, owner, owner_id, version, metadata, user_metadata)
		values (${o.bucketId}, ${o.name}, ${owner}, ${owner_id}, ${o.version}, ${json(tx, o.metadata)},
			${json(tx, o.userMetadata)})`;
}

/** Insert, or replace the bytes' version and metadata of the row already there. */
export async function upsertObject(tx: Tx, o: ObjectWrite) {
	const { owner, owner_id } = ownerColumns(o.owner);
	const [row] = await tx<ObjectRow[]>`insert into storage.objects
			(bucket_id, name, owner, owner_id, version, metadata, user_metadata)
		values (${o.bucketId}, ${o.name}, ${owner}, ${owner_id}, ${o.version}, ${json(tx, o.metadata)},
			${json(tx, o.userMetadata)})
		on conflict (name, bucket_id) do update set
			version = excluded.version,
			metadata = excluded.metadata,
			user_metadata = coalesce(excluded.user_metadata, storage.objects.user_metadata),
			owner = coalesce(excluded.owner, storage.objects.owner),
			owner_id = coalesce(excluded.owner_id, storage.objects.owner_id)
		returning *`;
	return row;
}

/** Renames (and re-versions) a row: a move. Undefined when the scope cannot see the source. */
export async function moveObjectRow(
	tx: Tx,
	from: { bucketId: string; name: string },
	to: ObjectWrite
) {
	const { owner, owner_id } = ownerColumns(to.owner);
	const [row] = await tx<ObjectRow[]>`update storage.objects set
			bucket_id = ${to.bucketId}, name = ${to.name}, version = ${to.version},
			owner = coalesce(${owner}::uuid, owner), owner_id = coalesce(${owner_id}::text, owner_id),
			metadata = coalesce(${json(tx, to.metadata)}::jsonb, metadata)
		where bucket_id = ${from.bucketId} and name = ${from.name}
		returning *`;
	return row;
}

export function deleteObjects(tx: Tx, bucketId: string, names: string[]) {
	return tx<ObjectRow[]>`delete from storage.objects
		where bucket_id = ${bucketId} and name = any(${names}) returning *`;
}

export interface SearchOptions {
	limit: number;
	offset: number;
	search: string;
	sortColumn: string;
	sortOrder: string;
}

export interface ListEntry {
	name: string;
	id: string | null;
	updated_at: Date | null;
	created_at: Date | null;
	last_accessed_at: Date | null;
	metadata: Record<string, unknown> | null;
}

/** One level of a bucket under `prefix` (folders and files), through `storage.search`. */
export function searchObjects(tx: Tx, bucketId: string, prefix: string, o: SearchOptions) {
	return tx<ListEntry[]>`select * from storage.search(${prefix}, ${bucketId}, ${o.limit},
		${prefix.split('/').length}, ${o.offset}, ${o.search}, ${o.sortColumn}, ${o.sortOrder})`;
}
