import { benchEvaluate } from './bench-evaluate.js';
import { benchSegments } from './bench-segments.js';

// `npm run bench`: segment counting against a peer and the bare-loop limit, then evaluate() throughput.
console.log(`Node ${process.version}, ${new Date().toISOString()}`);
await benchSegments();
benchEvaluate();
