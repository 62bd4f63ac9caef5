#!/usr/bin/env node
// `channel-center` (package.json bin): runs the TypeScript entry through tsx's loader, so the CLI
// works from the repository after `npm install`, without a build step.
import { register } from 'tsx/esm/api';

register();
await import('./channel-center.ts');
