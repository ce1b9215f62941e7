import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Any Stripe object the emulator keeps: it has an id, an `object` type and a `created` time. */
export interface StoredObject {
	id: string;
	object: string;
	created?: number;
}

export interface IdempotencyRecord {
	/** Method, path and body of the first request, so a reuse with other parameters is refused. */
	fingerprint: string;
	status: number;
	body: string;
	at: number;
}

interface State {
	version: 1;
	/** Objects by their `object` type, then by id. New types (subscription, invoice…) need no schema change. */
	objects: Record<string, Record<string, StoredObject>>;
	/** Ids per type in creation order, so lists are newest first even within one second. */
	order: Record<string, string[]>;
	idempotency: Record<string, IdempotencyRecord>;
}

export const IDEMPOTENCY_TTL_MS = 24 * 3600 * 1000;
/** Writes are coalesced: at most one per this many milliseconds, however many changes. */
const SAVE_DELAY_MS = 100;

const emptyState = (): State => ({ version: 1, objects: {}, order: {}, idempotency: {} });

/**
 * The emulator's whole state, kept in memory and written to one JSON file after each change so a
 * restarted stack still knows yesterday's sessions. Without a file it lives in memory only (tests).
 */
export class Store {
	state: State;
	file: string | undefined;
	private pendingWrite: NodeJS.Timeout | undefined;

	constructor(file?: string) {
		this.file = file;
		this.state =
			file && existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as State) : emptyState();
	}

	get<T extends StoredObject>(type: string, id: string): T | undefined {
		return this.state.objects[type]?.[id] as T | undefined;
	}

	/** Inserts or replaces an object; a new one goes to the end of its type's creation order. */
	put<T extends StoredObject>(object: T): T {
		const byId = (this.state.objects[object.object] ??= {});
		if (!byId[object.id]) (this.state.order[object.object] ??= []).push(object.id);
		byId[object.id] = object;
		return object;
	}

	remove(type: string, id: string) {
		delete this.state.objects[type]?.[id];
		this.state.order[type] = (this.state.order[type] ?? []).filter((known) => known !== id);
	}

	/** All objects of a type, newest first (Stripe's list order). */
	all<T extends StoredObject>(type: string): T[] {
		const byId = this.state.objects[type] ?? {};
		return (this.state.order[type] ?? []).toReversed().map((id) => byId[id] as T);
	}

	idempotency(key: string): IdempotencyRecord | undefined {
		return this.state.idempotency[key];
	}

	/** Stripe keeps idempotency keys for 24 hours; older ones are dropped so the file stays small. */
	remember(key: string, record: IdempotencyRecord) {
		for (const [old, earlier] of Object.entries(this.state.idempotency))
			if (earlier.at < record.at - IDEMPOTENCY_TTL_MS) delete this.state.idempotency[old];
		this.state.idempotency[key] = record;
	}

	/**
	 * Marks the state for writing. The file is written shortly after, once for a burst of changes
	 * (a whole state per change made a thousand requests quadratic); `flush` writes at once.
	 */
	save() {
		if (!this.file || this.pendingWrite) return;
		this.pendingWrite = setTimeout(() => this.flush(), SAVE_DELAY_MS);
		this.pendingWrite.unref();
	}

	/** Writes through a temporary file and a rename, so a crash never leaves half a file. */
	flush() {
		clearTimeout(this.pendingWrite);
		this.pendingWrite = undefined;
		if (!this.file) return;
		mkdirSync(path.dirname(this.file), { recursive: true });
		const temporary = `${this.file}.${process.pid}.tmp`;
		writeFileSync(temporary, JSON.stringify(this.state));
		renameSync(temporary, this.file);
	}
}
