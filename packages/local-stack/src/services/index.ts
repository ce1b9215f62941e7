import { authService } from './auth.ts';
import { gatewayService } from './gateway.ts';
import { mailService } from './mail.ts';
import { postgresService } from './postgres.ts';
import type { Service } from './service.ts';
import { storageService } from './storage.ts';
import { stripeService } from './stripe.ts';
import { stripeMockService } from './stripe-mock.ts';

/** The stack's services in start order; Postgres comes first (the others use it). */
export const services: Service[] = [
	postgresService,
	mailService,
	authService,
	storageService,
	stripeService,
	stripeMockService,
	gatewayService
];
