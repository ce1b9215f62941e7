/**
 * A pure function of a string, remembered for the keys seen lately (all forgotten at once when
 * `max` is reached: no bookkeeping per call). For work that requests repeat with few distinct
 * inputs: Accept-Language headers, the Markdown of the items on sale.
 */
export function memoized<T>(compute: (key: string) => T, max: number): (key: string) => T {
	const seen = new Map<string, T>();
	return (key) => {
		let value = seen.get(key);
		if (value === undefined) {
			value = compute(key);
			if (seen.size >= max) seen.clear();
			seen.set(key, value);
		}
		return value;
	};
}
