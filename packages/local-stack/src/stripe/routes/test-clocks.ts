import { z } from 'zod';
import {
	advanceTestClock,
	createTestClock,
	deleteTestClock,
	getTestClock
} from '../clock/test-clocks.ts';
import { expand } from '../expand.ts';
import type { Route } from '../router.ts';
import { CLOCK } from '../time.ts';
import { expand as expandParam, int, validate } from '../validation.ts';
import { listRoute, listSchema, retrieveRoute, type Kind } from './resource.ts';

const TEST_CLOCK: Kind = {
	type: CLOCK,
	noun: 'test_clock',
	param: 'test_clock',
	base: '/v1/test_helpers/test_clocks'
};

const createSchema = z.strictObject({
	frozen_time: int(0),
	name: z.string().max(300).optional(),
	expand: expandParam
});
const advanceSchema = z.strictObject({ frozen_time: int(0), expand: expandParam });

export const testClockRoutes: Route[] = [
	{
		method: 'POST',
		path: TEST_CLOCK.base,
		handler: (emu, req) => {
			const params = validate(createSchema, req.params);
			const clock = createTestClock(emu, params.frozen_time, params.name ?? null, req.request);
			emu.store.save();
			return expand(emu, clock, params.expand);
		}
	},
	retrieveRoute(TEST_CLOCK),
	listRoute(TEST_CLOCK, listSchema.omit({ created: true }), () => () => true),
	{
		method: 'DELETE',
		path: `${TEST_CLOCK.base}/:id`,
		handler: (emu, req) => {
			validate(z.strictObject({}), req.params);
			return deleteTestClock(emu, getTestClock(emu, req.path.id), req.request);
		}
	},
	{
		method: 'POST',
		path: `${TEST_CLOCK.base}/:id/advance`,
		handler: (emu, req) => {
			const params = validate(advanceSchema, req.params);
			const clock = getTestClock(emu, req.path.id);
			return expand(
				emu,
				advanceTestClock(emu, clock, params.frozen_time, req.request),
				params.expand
			);
		}
	}
];
