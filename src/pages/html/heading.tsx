import { createElement, type ComponentChildren } from 'preact';

export type HeadingLevel = 1 | 2 | 3 | 4 | 5 | 6;

/** A heading whose level depends on where a shared view is placed. */
export function Heading(props: {
  readonly level: HeadingLevel;
  readonly id?: string;
  readonly class?: string;
  readonly children: ComponentChildren;
}) {
  return createElement(`h${props.level}`, { id: props.id, class: props.class }, props.children);
}

export function deeper(level: HeadingLevel): HeadingLevel {
  return level >= 6 ? 6 : ((level + 1) as HeadingLevel);
}
