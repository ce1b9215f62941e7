import { catalogueIsWatched, onCatalogueChange } from './catalogue-changes';

/**
 * `load`, remembered per key until the catalogue changes (src/lib/server/catalogue-changes.ts),
 * for what every visitor sees alike. Concurrent callers share one load, so the first visitors
 * after a change cost one query, not one each. At most `limit` keys are kept (the oldest go
 * first); a failed load, and an answer `keep` refuses (a slug that names nothing: anyone can ask
 * for any), are not kept.
 */
export function rememberedUntilCatalogueChanges<V>(
	load: (key: string) => Promise<V>,
	{ limit = 1000, keep = () => true }: { limit?: number; keep?: (value: V) => boolean } = {}
): (key: string) => Promise<V> {
	const kept = new Map<string, Promise<V>>();
	onCatalogueChange(() => kept.clear());
	const forget = (key: string, value: Promise<V>) => {
		if (kept.get(key) === value) kept.delete(key);
	};
	return (key) => {
		if (!catalogueIsWatched()) return load(key);
		const hit = kept.get(key);
		if (hit) return hit;
		const value = load(key);
		if (kept.size >= limit) kept.delete(kept.keys().next().value!);
		kept.set(key, value);
		value.then(
			(v) => keep(v) || forget(key, value),
			() => forget(key, value)
		);
		return value;
	};
}
