// zod's tree-shakable build (zod/mini), with the English messages classic zod loads by itself.
// zod/mini loads no locale: without this every default message would read "Invalid input",
// and the API's field errors would lose the wording they have. Every schema imports z from
// here, so the locale is set before anything parses.
//
// Jitless: zod otherwise compiles each object schema to a function at its first parse, which
// cost a cold start about 5 ms, and parses no faster afterwards at these schemas' sizes.
import { en } from 'zod/locales';
import { config } from 'zod/mini';

config({ ...en(), jitless: true });

export * from 'zod/mini';
