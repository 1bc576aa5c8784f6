import type { ComponentChildren } from 'preact';
import { Picture, type PictureVM } from './picture.tsx';

/**
 * The site's one card and one grid (home, lists, theme pages, search, agenda, initiatives):
 * same title level and style everywhere, the picture on top, the whole card clickable through
 * its title's link. In reading order the kind and the title come first; the picture is drawn above them.
 */

/** Cards are at most about 24rem wide (see .card-grid): the picture never needs more. */
export const CARD_PICTURE_SIZES = '(min-width: 75rem) 24rem, (min-width: 40rem) 45vw, 92vw';

export interface CardProps {
  /** The page the card leads to; without one (a member of the directory) the title is plain text. */
  href?: string;
  title: string;
  headingLevel?: 2 | 3;
  /** The kind above the title ("Actualité", "Formation"…), with any badge beside it. */
  kicker?: ComponentChildren;
  picture?: PictureVM | null;
  /**
   * What stands in for a picture when there is none (a document's format): drawn in the same
   * frame so that cards keep one height per row.
   */
  placeholder?: ComponentChildren;
  /** Date, place, badges: lines under the title. */
  meta?: ComponentChildren;
  children?: ComponentChildren;
  /** Buttons that must stay clickable above the card's link (bookmark). */
  actions?: ComponentChildren;
  class?: string;
  as?: 'li' | 'article' | 'div';
}

export function Card(props: CardProps) {
  const H = props.headingLevel === 2 ? 'h2' : 'h3';
  const Tag = props.as ?? 'li';
  const media = props.picture ? (
    // The card's title already names what the picture shows: a second reading of it would be noise.
    <Picture vm={props.picture} sizes={CARD_PICTURE_SIZES} alt="" class="card-media" />
  ) : props.placeholder ? (
    <div class="card-media card-placeholder" aria-hidden="true">
      {props.placeholder}
    </div>
  ) : null;
  return (
    <Tag class={`card${media ? ' has-media' : ''}${props.class ? ` ${props.class}` : ''}`}>
      {props.kicker && <p class="card-kind">{props.kicker}</p>}
      <H>{props.href ? <a href={props.href}>{props.title}</a> : props.title}</H>
      {media}
      {props.meta}
      {props.children}
      {props.actions && <div class="card-actions">{props.actions}</div>}
    </Tag>
  );
}

/** Columns as many as fit, none left empty: a row of three cards fills the width instead of leaving a fourth column blank. */
export function CardGrid({ children, ordered, label, labelledBy, class: extra }: { children: ComponentChildren; ordered?: boolean; label?: string; labelledBy?: string; class?: string }) {
  const L = ordered ? 'ol' : 'ul';
  return (
    <L class={`card-grid${extra ? ` ${extra}` : ''}`} aria-label={label} aria-labelledby={labelledBy}>
      {children}
    </L>
  );
}
