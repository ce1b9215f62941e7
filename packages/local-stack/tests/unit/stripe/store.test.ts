import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { IDEMPOTENCY_TTL_MS, Store } from '../../../src/stripe/store.ts';

const folders: string[] = [];
afterEach(() => folders.splice(0).forEach((f) => rmSync(f, { recursive: true, force: true })));

function stateFile() {
	const folder = mkdtempSync(path.join(tmpdir(), 'stripe-store-'));
	folders.push(folder);
	return path.join(folder, 'nested', 'state.json');
}

describe('Store', () => {
	it('lists newest first and survives a reload from its file', () => {
		const file = stateFile();
		const store = new Store(file);
		for (const id of ['a', 'b', 'c']) store.put({ id, object: 'thing', created: 1 });
		store.put({ id: 'b', object: 'thing', created: 2 }); // an update keeps its place
		store.save();
		expect(new Store(file).all('thing')).toEqual([]); // written shortly after, once per burst
		store.flush();
		const reloaded = new Store(file);
		expect(reloaded.all('thing').map((o) => o.id)).toEqual(['c', 'b', 'a']);
		expect(reloaded.get('thing', 'b')?.created).toBe(2);
	});

	it('forgets idempotency keys after 24 hours', () => {
		const store = new Store();
		store.remember('old', { fingerprint: 'x', status: 200, body: '{}', at: 0 });
		store.remember('recent', { fingerprint: 'y', status: 200, body: '{}', at: IDEMPOTENCY_TTL_MS });
		expect(store.idempotency('old')).toBeDefined();
		store.remember('new', {
			fingerprint: 'z',
			status: 200,
			body: '{}',
			at: IDEMPOTENCY_TTL_MS + 1
		});
		expect(store.idempotency('old')).toBeUndefined();
		expect(store.idempotency('recent')).toBeDefined();
	});
});
