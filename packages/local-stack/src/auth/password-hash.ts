import { hash } from '@node-rs/bcrypt';

/**
 * GoTrue's password hash: bcrypt at Go's default cost (10), `$2a$` as Go's bcrypt writes it,
 * also for the random password it gives an account made without one. Native (Rust, on libuv's
 * thread pool) as Go's is compiled: a pure-JavaScript bcrypt took about twice as long and held
 * this server's event loop while hashing, so a burst of new accounts slowed every other Auth
 * request, which GoTrue's goroutines do not.
 */
export const hashPassword = (password: string) => hash(password, { cost: 10, version: '2a' });
