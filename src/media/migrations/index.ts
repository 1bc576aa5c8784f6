import type { MigrationList } from '../../platform/db/migrate.ts';
import * as images from './20261126T1400_media_images.ts';

export const mediaMigrations: MigrationList = {
  '20261126T1400_media_images': images,
};
