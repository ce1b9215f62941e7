import { createServerClient } from '@supabase/ssr';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import type { Cookies } from '@sveltejs/kit';
import { config } from './config';

/**
 * Supabase Auth for one request, its session kept in cookies through `@supabase/ssr`. Cookies are
 * Secure wherever the store is served over HTTPS (plain http only on a developer's loopback).
 */
export function requestClient(cookies: Cookies, url: URL): SupabaseClient {
	const { PUBLIC_SUPABASE_URL, supabasePublishableKey } = config();
	return createServerClient(PUBLIC_SUPABASE_URL, supabasePublishableKey, {
		cookies: {
			getAll: () => cookies.getAll(),
			setAll: (list) => {
				for (const { name, value, options } of list) {
					cookies.set(name, value, {
						...options,
						path: '/',
						httpOnly: true,
						sameSite: 'lax',
						secure: url.protocol === 'https:'
					});
				}
			}
		}
	});
}

let admin: SupabaseClient | undefined;

/**
 * Supabase Auth with the secret key (the gateway hands Auth the service role for it): creating
 * buyers, minting the return-path session.
 */
export function adminClient(): SupabaseClient {
	const { PUBLIC_SUPABASE_URL, supabaseSecretKey } = config();
	admin ??= createClient(PUBLIC_SUPABASE_URL, supabaseSecretKey, {
		auth: { persistSession: false, autoRefreshToken: false }
	});
	return admin;
}

/** A client that keeps no session: for calls made on nobody's behalf (sending login emails). */
export function statelessClient(): SupabaseClient {
	const { PUBLIC_SUPABASE_URL, supabasePublishableKey } = config();
	return createClient(PUBLIC_SUPABASE_URL, supabasePublishableKey, {
		auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false }
	});
}
