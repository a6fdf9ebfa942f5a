import type restify from 'restify';
import type { registerStudioAuth, StudioAuth, StudioAuthDeps } from '../../../../src/studio/http/registerStudioAuth';

export function createStudioServer(
  register: typeof registerStudioAuth,
  restifyModule: typeof restify,
  deps: StudioAuthDeps,
): { server: restify.Server; studio: StudioAuth };
