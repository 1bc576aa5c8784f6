import type { InitiativesService } from './initiatives.service.ts';

export async function loadInitiativesDemo(_service: InitiativesService): Promise<void> {}
