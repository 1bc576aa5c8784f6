/** Moved to src/catalog; kept while the events and forum modules move their imports. */
export type { Catalog, CatalogItem } from '../catalog/catalog.types.ts';
