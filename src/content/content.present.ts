import type { CatalogService } from '../catalog/catalog.service.ts';
import type { MediaService } from '../media/media.service.ts';

/** The catalogue as content's pages read it: with the pictures of its items, for the cards. */
export type CardCatalog = CatalogService & Pick<MediaService, 'pictures'>;
