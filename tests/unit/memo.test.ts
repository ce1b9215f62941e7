import { expect, test } from 'vitest';
import { memoized } from '$lib/server/memo';

test('a remembered function computes each key once, and forgets all at its limit', () => {
	const computed: string[] = [];
	const upper = memoized((key) => {
		computed.push(key);
		return key.toUpperCase();
	}, 2);
	expect([upper('a'), upper('b'), upper('a'), upper('b')]).toEqual(['A', 'B', 'A', 'B']);
	expect(computed).toEqual(['a', 'b']);
	// A third key: the two before are forgotten, and computed again when asked.
	expect(upper('c')).toBe('C');
	expect(upper('a')).toBe('A');
	expect(computed).toEqual(['a', 'b', 'c', 'a']);
});
