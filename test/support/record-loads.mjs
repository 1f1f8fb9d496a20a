// `node --import ./test/support/record-loads.mjs ...`: registers load-recorder.mjs.
import { register } from 'node:module';
register(new URL('./load-recorder.mjs', import.meta.url));
